import { peerIdFromString } from '@libp2p/peer-id'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_VISIBILITY, INVITE_SCHEME, buildInviteMailto, type ParleyClient } from '../src/api/index.js'
import { IDENTITY_RECORD } from '../src/accounts/identity.js'
import { CONTACT_MESSAGE_VERSION, PeerRefusedError, sendContactMessage } from '../src/contacts/contact-protocol.js'
import { NO_PREKEYS } from '../src/contacts/contacts-service.js'
import { DEFAULT_BACKOFF, backoffDelay } from '../src/delivery/backoff.js'
import { encodeInviteLink } from '../src/contacts/invite.js'
import { decodeInviteCode, encodeInviteCode } from '../src/contacts/invite-code.js'
import { signedPrekeyMessage } from '../src/identity/prekeys.js'
import { ContactMessage } from '../src/generated/contact.js'
import { fromBase64, toBase64 } from '../src/crypto/bytes.js'
import { systemClock, type Clock } from '../src/core/clock.js'
import { value } from './helpers/app.js'
import { FIELDS, befriend, person as makePerson, type Person } from './helpers/people.js'
import { waitForEvent } from './helpers/events.js'
import { qrImage, readQr } from './helpers/qr-image.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function person(name: string, clock?: Clock): Promise<Person> {
  return makePerson(cleanups, name, clock === undefined ? {} : { clock })
}

function flipChar(link: string, position: number): string {
  const i = INVITE_SCHEME.length + position
  const c = link[i] === 'A' ? 'B' : 'A'
  return link.slice(0, i) + c + link.slice(i + 1)
}

describe('contacts', () => {
  it('invite → request → accept: both become contacts with profiles, and edits travel', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    const created = await value(alice.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))
    expect(created.link.startsWith(INVITE_SCHEME)).toBe(true)

    // who it is from is shown before anything is sent
    const preview = await value(bob.client.invoke('previewInvite', { link: created.link }))
    expect(preview).toMatchObject({ peerId: alice.peerId, displayName: 'Alice', alreadyContact: false })
    expect(preview.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/)
    expect(preview.addresses.some((a) => a.startsWith('/ip4/127.0.0.1/tcp/'))).toBe(true)

    const requestAtAlice = waitForEvent(alice.client, 'contactRequestsChanged', (p) => p.requests.length > 0)
    const sent = await value(bob.client.invoke('acceptInvite', { link: created.link, message: 'Hi Alice' }))
    expect(sent).toMatchObject({ direction: 'outgoing', peerId: alice.peerId, profile: { displayName: 'Alice' } })
    const incoming = (await requestAtAlice).requests[0]
    expect(incoming).toMatchObject({
      peerId: bob.peerId,
      direction: 'incoming',
      viaInvite: true,
      message: 'Hi Alice',
      warning: null,
      profile: { displayName: 'Bob', fields: { email: 'bob@example.org' } },
    })
    // fields Bob keeps to himself do not travel
    expect(incoming?.profile?.fields).not.toHaveProperty('town')

    const bobSeesAlice = waitForEvent(bob.client, 'contactsChanged', (p) =>
      p.contacts.some((c) => c.peerId === alice.peerId),
    )
    const afterAccept = await value(
      alice.client.invoke('respondToRequest', { requestId: incoming?.requestId ?? '', response: 'accept' }),
    )
    expect(afterAccept).toEqual([expect.objectContaining({ peerId: bob.peerId, name: 'Bob', online: true })])
    await bobSeesAlice
    expect(await value(bob.client.invoke('listContacts', {}))).toEqual([
      expect.objectContaining({
        peerId: alice.peerId,
        name: 'Alice',
        online: true,
        verified: false,
        keyChanged: false,
      }),
    ])
    expect(await value(bob.client.invoke('listContactRequests', {}))).toEqual([])

    // an edit by Alice reaches Bob
    const renamed = waitForEvent(bob.client, 'contactsChanged', (p) =>
      p.contacts.some((c) => c.peerId === alice.peerId && c.name === 'Alice Liddell'),
    )
    await value(
      alice.client.invoke('updateProfile', {
        fields: { ...FIELDS, displayName: 'Alice Liddell' },
        visibility: DEFAULT_VISIBILITY,
      }),
    )
    await renamed

    // safety numbers agree on both sides; scanning the other's QR payload verifies
    const atAlice = await value(alice.client.invoke('getSafetyNumber', { peerId: bob.peerId }))
    const atBob = await value(bob.client.invoke('getSafetyNumber', { peerId: alice.peerId }))
    expect(atAlice.digits).toMatch(/^(\d{5} ){11}\d{5}$/)
    expect(atAlice.digits).toBe(atBob.digits)
    expect(
      await bob.client.invoke('verifyContact', { peerId: alice.peerId, scannedPayload: atBob.qrPayload }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
    const verified = await value(
      bob.client.invoke('verifyContact', { peerId: alice.peerId, scannedPayload: atAlice.qrPayload }),
    )
    expect(verified.verified).toBe(true)
  })

  it('leaves both sides holding each other’s signed prekeys, ready for an end-to-end session', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await befriend(alice, bob)
    for (const [self, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const account = self.messenger.account()
      if (account === undefined) throw new Error('unlocked')
      const record = (await account.store.getJson(`contact/${account.store.blind(other.peerId)}`)) as {
        identityKey: string
        prekeys: {
          signedPrekeyId: number
          signedPrekey: string
          signedPrekeySignature: string
          oneTimePrekey: string | null
        }
      }
      expect(record.prekeys.oneTimePrekey).not.toBeNull()
      const signedBy = ed25519.verify(
        fromBase64(record.prekeys.signedPrekeySignature),
        signedPrekeyMessage(record.prekeys.signedPrekeyId, fromBase64(record.prekeys.signedPrekey)),
        fromBase64(record.identityKey),
        { zip215: false },
      )
      expect(signedBy).toBe(true)
    }
  })

  it('refuses a request whose prekey its identity key did not sign', async () => {
    const alice = await person('alice')
    const mallory = await person('mallory')
    const node = mallory.messenger.network()?.node()
    if (node === undefined) throw new Error('no node')
    const status = await value(alice.client.invoke('getNetworkStatus', {}))
    await value(
      mallory.client.invoke('dialPeer', {
        multiaddr: status.listenAddresses.find((a) => a.includes('/127.0.0.1/')) ?? '',
      }),
    )
    const doc = await value(mallory.client.invoke('getProfileDocument', {}))
    await expect(
      sendContactMessage(node, peerIdFromString(alice.peerId), {
        version: CONTACT_MESSAGE_VERSION,
        type: ContactMessage.Type.REQUEST,
        inviteId: new Uint8Array(0),
        inviteSecret: new Uint8Array(0),
        message: 'hi',
        profileDocument: doc.document,
        profileSignature: new Uint8Array(fromBase64(doc.signature)),
        ...NO_PREKEYS,
        signedPrekeyId: 7,
        signedPrekey: new Uint8Array(x25519.getPublicKey(x25519.utils.randomSecretKey())),
        signedPrekeySignature: new Uint8Array(64).fill(1),
      }),
    ).rejects.toThrow(/prekey/)
    expect(await value(alice.client.invoke('listContactRequests', {}))).toEqual([])
  })

  it('accepts the same invite decoded back from a QR code', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    const { link } = await value(alice.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))
    const scanned = readQr(qrImage(link))
    expect(scanned).toBe(link)
    await befriend(alice, bob, scanned)
    expect((await value(alice.client.invoke('listContacts', {}))).map((c) => c.peerId)).toEqual([bob.peerId])
  })

  it('refuses expired, tampered, wrongly signed and replayed invites with clear messages', async () => {
    let offset = 0
    const clock: Clock = { ...systemClock, now: () => Date.now() + offset }
    const alice = await person('alice')
    const bob = await person('bob', clock)
    const carol = await person('carol')
    const { link } = await value(alice.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))

    offset = 2 * 3600 * 1000
    expect(await bob.client.invoke('previewInvite', { link })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INVITE', message: expect.stringContaining('expired') as string },
    })
    offset = 0

    for (const position of [40, 120, 300]) {
      const result = await bob.client.invoke('previewInvite', { link: flipChar(link, position) })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INVITE' } })
    }
    expect(await bob.client.invoke('previewInvite', { link: 'https://example.org/invite' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INVITE', message: expect.stringContaining(INVITE_SCHEME) as string },
    })

    // signed by Alice herself but with a name that reads backwards on screen
    const aliceAccount = alice.messenger.account()
    if (aliceAccount === undefined) throw new Error('unlocked')
    const code = decodeInviteCode(Buffer.from(link.slice(INVITE_SCHEME.length), 'base64url'))
    const spoofed = encodeInviteLink({ ...code, displayName: 'Bob\u202eecilA' }, aliceAccount.identity.signingSecret)
    expect(await bob.client.invoke('previewInvite', { link: spoofed })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INVITE', message: expect.stringContaining('control characters') as string },
    })

    // re-signed by another key: the name says Alice, the signature does not
    const forged = encodeInviteCode({ ...code, displayName: 'Alice (new phone)' }, ed25519.utils.randomSecretKey())
    expect(
      await bob.client.invoke('previewInvite', { link: INVITE_SCHEME + Buffer.from(forged).toString('base64url') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INVITE', message: expect.stringContaining('not signed') as string },
    })

    // used once by Bob: Bob cannot replay it, and Carol cannot reuse the single-use invite
    await befriend(alice, bob, link)
    expect(await bob.client.invoke('acceptInvite', { link })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INVITE', message: expect.stringContaining('already used') as string },
    })
    await value(carol.client.invoke('acceptInvite', { link }))
    const carolRequests = await value(carol.client.invoke('listContactRequests', {}))
    expect(carolRequests).toEqual([expect.objectContaining({ peerId: alice.peerId, direction: 'outgoing' })])
    const aliceRequests = await value(alice.client.invoke('listContactRequests', {}))
    expect(aliceRequests.filter((r) => r.peerId === carol.peerId)).toEqual([])
  })

  it('caps a stranger’s flood of requests without disturbing existing contacts, and blocked peers cannot connect', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await befriend(alice, bob)
    const mallory = await person('mallory')
    const node = mallory.messenger.network()?.node()
    if (node === undefined) throw new Error('no node')
    const aliceStatus = await value(alice.client.invoke('getNetworkStatus', {}))
    const address = aliceStatus.listenAddresses.find((a) => a.includes('/127.0.0.1/')) ?? ''
    await value(
      mallory.client.invoke('dialPeer', {
        multiaddr: address.includes('/p2p/') ? address : `${address}/p2p/${alice.peerId}`,
      }),
    )
    const doc = await value(mallory.client.invoke('getProfileDocument', {}))
    const request: ContactMessage = {
      version: CONTACT_MESSAGE_VERSION,
      type: ContactMessage.Type.REQUEST,
      inviteId: new Uint8Array(0),
      inviteSecret: new Uint8Array(0),
      message: 'buy my stuff',
      profileDocument: doc.document,
      profileSignature: new Uint8Array(fromBase64(doc.signature)),
      ...NO_PREKEYS,
    }
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => sendContactMessage(node, peerIdFromString(alice.peerId), request)),
    )
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length
    expect(accepted).toBeLessThanOrEqual(3)
    expect(accepted).toBeGreaterThan(0)
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(refusals.every((o) => o.reason instanceof PeerRefusedError || o.reason instanceof Error)).toBe(true)
    const requests = await value(alice.client.invoke('listContactRequests', {}))
    expect(requests.filter((r) => r.peerId === mallory.peerId)).toHaveLength(1)

    // a malformed frame and an unknown version are refused too
    await expect(sendContactMessage(node, peerIdFromString(alice.peerId), { ...request, version: 7 })).rejects.toThrow(
      /version/,
    )

    // Bob's updates still arrive
    const updated = waitForEvent(alice.client, 'contactsChanged', (p) => p.contacts.some((c) => c.name === 'Bobby'))
    await value(
      bob.client.invoke('updateProfile', {
        fields: { ...FIELDS, displayName: 'Bobby' },
        visibility: DEFAULT_VISIBILITY,
      }),
    )
    await updated

    // blocking from the request: Mallory is cut off and cannot connect again
    const malloryRequest = requests.find((r) => r.peerId === mallory.peerId)
    await value(
      alice.client.invoke('respondToRequest', { requestId: malloryRequest?.requestId ?? '', response: 'block' }),
    )
    const again = await mallory.client.invoke('dialPeer', {
      multiaddr: address.includes('/p2p/') ? address : `${address}/p2p/${alice.peerId}`,
    })
    if (again.ok) {
      // the TCP handshake may finish before the gate closes it: the connection must not survive
      const gone = waitForEvent(mallory.client, 'peerDisconnected', (p) => p.peerId === alice.peerId)
      await gone
    } else {
      expect(again.error.code).toBe('DIAL_FAILED')
    }
    await expect(sendContactMessage(node, peerIdFromString(alice.peerId), request)).rejects.toThrow()
  })

  it('keeps a block when the blocked contact is removed from the list', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await befriend(alice, bob)
    await value(alice.client.invoke('blockPeer', { peerId: bob.peerId }))
    await value(alice.client.invoke('removeContact', { peerId: bob.peerId }))
    expect(await value(alice.client.invoke('listContacts', {}))).toEqual([])
    const status = await value(alice.client.invoke('getNetworkStatus', {}))
    const address = status.listenAddresses.find((a) => a.includes('/127.0.0.1/')) ?? ''
    const again = await bob.client.invoke('dialPeer', { multiaddr: address })
    if (again.ok) {
      await waitForEvent(bob.client, 'peerDisconnected', (p) => p.peerId === alice.peerId)
    } else {
      expect(again.error.code).toBe('DIAL_FAILED')
    }
    const node = bob.messenger.network()?.node()
    if (node === undefined) throw new Error('no node')
    const doc = await value(bob.client.invoke('getProfileDocument', {}))
    await expect(
      sendContactMessage(node, peerIdFromString(alice.peerId), {
        version: CONTACT_MESSAGE_VERSION,
        type: ContactMessage.Type.REQUEST,
        inviteId: new Uint8Array(0),
        inviteSecret: new Uint8Array(0),
        message: 'let me back in',
        profileDocument: doc.document,
        profileSignature: new Uint8Array(fromBase64(doc.signature)),
        ...NO_PREKEYS,
      }),
    ).rejects.toThrow()
  })

  it('warns loudly, and drops verification, when a contact’s keys change under the same peer address', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    await befriend(alice, bob)
    await value(alice.client.invoke('verifyContact', { peerId: bob.peerId }))
    const before = await value(alice.client.invoke('getSafetyNumber', { peerId: bob.peerId }))

    // Bob is re-created with the same peer address (libp2p key) but a new agreement identity key
    const account = bob.messenger.account()
    if (account === undefined) throw new Error('unlocked')
    const record = (await account.store.getJson(IDENTITY_RECORD)) as Record<string, unknown>
    await account.store.putJson(IDENTITY_RECORD, { ...record, x25519: toBase64(x25519.utils.randomSecretKey()) })
    const session = await value(bob.client.invoke('lockAccount', {}))
    await value(
      bob.client.invoke('unlockAccount', {
        accountId: session.accounts[0]?.accountId ?? '',
        password: 'correct horse battery staple',
      }),
    )
    expect((await value(bob.client.invoke('getNetworkStatus', {}))).peerId).toBe(bob.peerId)

    const warned = waitForEvent(alice.client, 'contactsChanged', (p) =>
      p.contacts.some((c) => c.peerId === bob.peerId && c.keyChanged),
    )
    await value(
      bob.client.invoke('updateProfile', { fields: { ...FIELDS, displayName: 'Bob' }, visibility: DEFAULT_VISIBILITY }),
    )
    const contact = (await warned).contacts.find((c) => c.peerId === bob.peerId)
    expect(contact).toMatchObject({ keyChanged: true, verified: false })
    const after = await value(alice.client.invoke('getSafetyNumber', { peerId: bob.peerId }))
    expect(after.digits).not.toBe(before.digits)
    expect(after).toMatchObject({ keyChanged: true, verified: false })
    // it stays until Alice verifies again
    expect((await value(alice.client.invoke('listContacts', {})))[0]?.keyChanged).toBe(true)
  })

  it('keeps a request that could not be delivered, across a restart, and sends it when the peer is back', async () => {
    const alice = await person('alice')
    const bob = await person('bob')
    const { link } = await value(alice.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))
    await value(alice.client.invoke('setNetworkMode', { mode: 'offline' }))

    const sent = await value(bob.client.invoke('acceptInvite', { link, message: 'are you there?' }))
    expect(sent.state).toBe('sent')
    // Bob restarts: the request and its outbox entry are on disk
    const session = await value(bob.client.invoke('lockAccount', {}))
    await value(
      bob.client.invoke('unlockAccount', {
        accountId: session.accounts[0]?.accountId ?? '',
        password: 'correct horse battery staple',
      }),
    )
    expect(await value(bob.client.invoke('listContactRequests', {}))).toEqual([
      expect.objectContaining({
        peerId: alice.peerId,
        state: 'sent',
        profile: expect.objectContaining({ displayName: 'Alice' }) as unknown,
      }),
    ])

    // Alice comes back; as soon as the two are connected the request goes through
    const arrived = waitForEvent(alice.client, 'contactRequestsChanged', (p) =>
      p.requests.some((r) => r.peerId === bob.peerId),
    )
    const deliveredAtBob = waitForEvent(bob.client, 'contactRequestsChanged', (p) =>
      p.requests.some((r) => r.peerId === alice.peerId && r.state === 'delivered'),
    )
    const status = await value(alice.client.invoke('setNetworkMode', { mode: 'lan-only' }))
    const address = status.listenAddresses.find((a) => a.includes('/127.0.0.1/')) ?? ''
    await value(
      bob.client.invoke('dialPeer', {
        multiaddr: address.includes('/p2p/') ? address : `${address}/p2p/${alice.peerId}`,
      }),
    )
    expect((await arrived).requests.find((r) => r.peerId === bob.peerId)?.message).toBe('are you there?')
    await deliveredAtBob
  })

  it('backs off retries under the one outbox policy: from 1 s, doubling, to at most 5 minutes, jittered', () => {
    const at = (random: number) => (n: number) => backoffDelay({ ...DEFAULT_BACKOFF, random: () => random }, n)
    expect([0, 1, 2, 3].map(at(0))).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(at(0)(50)).toBe(300_000)
    // jitter takes off up to half, never adds
    expect([0, 1, 2, 3].map(at(0.5))).toEqual([750, 1_500, 3_000, 6_000])
  })

  it('builds a mailto: link with the invite in an encoded subject and body', () => {
    const link = `${INVITE_SCHEME}AbC-_123`
    const mailto = buildInviteMailto({
      yourName: 'Alice & Co',
      to: 'bob@example.org, carol@example.org',
      message: 'Join me?',
      link,
    })
    const url = new URL(mailto)
    expect(url.protocol).toBe('mailto:')
    expect(decodeURIComponent(url.pathname)).toBe('bob@example.org,carol@example.org')
    expect(url.searchParams.get('subject')).toBe('Alice & Co invites you to chat on Parley')
    const body = url.searchParams.get('body') ?? ''
    expect(body.startsWith('Join me?')).toBe(true)
    expect(body).toContain(link)
    expect(mailto).not.toContain(' ')
  })
})

export type { ParleyClient }
