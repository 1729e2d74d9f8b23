import { peerIdFromString } from '@libp2p/peer-id'
import { afterEach, describe, expect, it } from 'vitest'
import { CONTACT_MESSAGE_VERSION, sendContactMessage } from '../src/contacts/contact-protocol.js'
import { NO_PREKEYS } from '../src/contacts/contacts-service.js'
import { createLogger, type LogRecord } from '../src/core/logger.js'
import { DEFAULT_BACKOFF } from '../src/delivery/backoff.js'
import { createManualClock } from '../src/core/manual-clock.js'
import { fromBase64 } from '../src/crypto/bytes.js'
import { ContactMessage } from '../src/generated/contact.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { person } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('contact requests refused for "not now"', () => {
  it('a request the peer rate-limits stays in the outbox and goes through once the peer accepts more', async () => {
    // both on clocks that move only when told: no waiting for the 5-minute refill or the retry
    const aliceClock = createManualClock(Date.now())
    const bobClock = createManualClock(Date.now())
    const bobLogs: LogRecord[] = []
    const bobWaiting: (() => void)[] = []
    const logger = createLogger({
      level: 'debug',
      sink: (record) => {
        bobLogs.push(record)
        for (const w of bobWaiting.splice(0)) w()
      },
    })
    const alice = await person(cleanups, 'alice', { clock: aliceClock })
    const bob = await person(cleanups, 'bob', { clock: bobClock, logger })

    // Bob spends his three requests as a stranger (straight on the wire)
    const node = bob.messenger.network()?.node()
    if (node === undefined) throw new Error('no node')
    const address = (await value(alice.client.invoke('getNetworkStatus', {}))).listenAddresses.find((a) =>
      a.includes('/127.0.0.1/'),
    )
    await value(bob.client.invoke('dialPeer', { multiaddr: address ?? '' }))
    const doc = await value(bob.client.invoke('getProfileDocument', {}))
    const stranger: ContactMessage = {
      version: CONTACT_MESSAGE_VERSION,
      type: ContactMessage.Type.REQUEST,
      inviteId: new Uint8Array(0),
      inviteSecret: new Uint8Array(0),
      message: 'hello?',
      profileDocument: doc.document,
      profileSignature: new Uint8Array(fromBase64(doc.signature)),
      ...NO_PREKEYS,
    }
    for (let i = 0; i < 3; i++) await sendContactMessage(node, peerIdFromString(alice.peerId), stranger)

    // now through Alice's invite: refused as rate-limited — and kept, not dropped
    const { link } = await value(alice.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))
    await value(bob.client.invoke('acceptInvite', { link, message: 'it is me, Bob' }))
    while (!bobLogs.some((r) => r.msg === 'not delivered yet' && r.channel === 'contact')) {
      await new Promise<void>((resolve) => bobWaiting.push(resolve))
    }
    const outgoing = (await value(bob.client.invoke('listContactRequests', {}))).find((r) => r.direction === 'outgoing')
    expect(outgoing?.state).not.toBe('delivered')
    expect(bobLogs.some((r) => r.msg === 'contact message refused by peer')).toBe(false)

    // Alice's budget refills; Bob's next retry — under the outbox's one policy, the first within
    // its base delay, as for direct messages — carries it through the invite
    aliceClock.advance(5 * 60 * 1000)
    const delivered = waitForEvent(bob.client, 'contactRequestsChanged', (p) =>
      p.requests.some((r) => r.direction === 'outgoing' && r.state === 'delivered'),
    )
    const atAlice = waitForEvent(alice.client, 'contactRequestsChanged', (p) =>
      p.requests.some((r) => r.peerId === bob.peerId && r.viaInvite && r.message === 'it is me, Bob'),
    )
    bobClock.advance(DEFAULT_BACKOFF.baseMs)
    await Promise.all([delivered, atAlice])
  })
})
