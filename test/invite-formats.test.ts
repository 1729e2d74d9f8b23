import { afterEach, describe, expect, it } from 'vitest'
import { INVITE_SCHEME } from '../src/api/index.js'
import { decodeInviteCode, inviteIdOf, inviteSecretOf } from '../src/contacts/invite-code.js'
import { encodeLegacyInvite } from '../src/contacts/invite-legacy.js'
import { currentSignedPrekey, newOneTimePrekey } from '../src/identity/prekeys.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** `from` writes first and `to` reads it: an end-to-end session started from the prekeys `from` holds. */
async function writesFirst(from: Person, to: Person, text: string): Promise<void> {
  const arrived = waitForEvent(
    to.client,
    'messagesChanged',
    (e) => e.peerId === from.peerId && e.messages.some((m) => m.text === text),
  )
  await value(from.client.invoke('sendMessage', { conversationId: dmConversationId(from.peerId, to.peerId), text }))
  await arrived
}

describe('invite formats end to end', () => {
  it('a compact invite carries no prekeys: the answer brings them, and the one who accepted can write first', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    const { link, inviteId } = await value(alice.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))
    const code = decodeInviteCode(Buffer.from(link.slice(INVITE_SCHEME.length), 'base64url'))
    expect(Buffer.from(inviteIdOf(code.token)).toString('hex')).toBe(inviteId)
    expect(code.addresses).toHaveLength(1)
    await befriend(alice, bob, link)
    await writesFirst(bob, alice, 'hello from the compact invite')
  })

  it('an invite in the format of yesterday’s Parley still works: preview, request, accept, messages', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    const account = alice.messenger.account()
    if (account === undefined) throw new Error('unlocked')
    // Alice's record of an invite, and the format-1 link her older version would have sent for it
    const created = await value(alice.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))
    const code = decodeInviteCode(Buffer.from(created.link.slice(INVITE_SCHEME.length), 'base64url'))
    const prekey = await currentSignedPrekey(account.store, account.identity, Date.now())
    const oneTime = await newOneTimePrekey(account.store)
    const legacy =
      INVITE_SCHEME +
      Buffer.from(
        encodeLegacyInvite(
          {
            version: 1,
            inviteId: inviteIdOf(code.token),
            identityKey: new Uint8Array(account.identity.signingPublic),
            agreementKey: new Uint8Array(account.identity.agreementPublic),
            signedPrekeyId: prekey.id,
            signedPrekey: new Uint8Array(prekey.publicKey),
            signedPrekeySignature: new Uint8Array(prekey.signature),
            oneTimePrekeyId: oneTime.id,
            oneTimePrekey: new Uint8Array(oneTime.publicKey),
            addresses: code.addresses.map((a) => new Uint8Array(a)),
            displayName: 'Alice',
            createdAt: BigInt(Date.now()),
            expiresAt: BigInt(created.expiresAt),
            secret: inviteSecretOf(code.token, true),
          },
          account.identity.signingSecret,
        ),
      ).toString('base64url')
    const preview = await value(bob.client.invoke('previewInvite', { link: legacy }))
    const compact = await value(bob.client.invoke('previewInvite', { link: created.link }))
    expect(preview).toEqual(compact)
    expect(preview).toMatchObject({ peerId: alice.peerId, displayName: 'Alice', expiresAt: created.expiresAt })
    await befriend(alice, bob, legacy)
    await writesFirst(bob, alice, 'hello from the old invite')
    await writesFirst(alice, bob, 'and back')
  })
})
