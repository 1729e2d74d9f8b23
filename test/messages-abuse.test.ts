import { peerIdFromString } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { afterEach, describe, expect, it } from 'vitest'
import { MESSAGE_TEXT_MAX } from '../src/api/index.js'
import { DM_FRAME_VERSION, DM_PROTOCOL, decodeFrame, envelopeFrameBytes } from '../src/delivery/direct-wire.js'
import { DmFrame, Envelope, Refusal } from '../src/generated/dm.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'
import { dmConversationId } from '../src/messages/ids.js'

const envelopeFrame = (envelope: Envelope): Uint8Array => envelopeFrameBytes(Envelope.encode(envelope))

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function nodeOf(p: Person): NonNullable<ReturnType<NonNullable<ReturnType<Person['messenger']['network']>>['node']>> {
  const node = p.messenger.network()?.node()
  if (node === undefined) throw new Error('no node')
  return node
}

/** Opens a raw message stream from `from` to `to`, writes `frames`, and reads what comes back. */
async function rawExchange(from: Person, to: Person, frames: Uint8Array[]): Promise<DmFrame[] | Error> {
  const stream = await nodeOf(from).dialProtocol(peerIdFromString(to.peerId), DM_PROTOCOL)
  const lp = lpStream(stream)
  const replies: DmFrame[] = []
  try {
    for (const frame of frames) await lp.write(frame)
    await stream.close()
    for (;;) replies.push(decodeFrame(await lp.read({ signal: AbortSignal.timeout(5_000) })))
  } catch (err) {
    // the listener closing its end after answering is a clean end; a reset is not
    if (err instanceof Error && err.name === 'UnexpectedEOFError') return replies
    return err instanceof Error ? err : new Error(String(err))
  }
}

async function allTexts(p: Person, peerId: string): Promise<string[]> {
  const page = await value(
    p.client.invoke('getMessages', { conversationId: dmConversationId(p.peerId, peerId), limit: 200 }),
  )
  return page.messages.map((m) => m.text)
}

function arrived(p: Person, from: string, text: string): Promise<unknown> {
  return waitForEvent(p.client, 'messagesChanged', (e) => e.peerId === from && e.messages.some((m) => m.text === text))
}

describe('limits and bad input', () => {
  it('a message over the size cap gets a clear error and nothing is sent', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const result = await alice.client.invoke('sendMessage', {
      conversationId: dmConversationId(alice.peerId, bob.peerId),
      text: 'x'.repeat(MESSAGE_TEXT_MAX + 1),
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    expect(JSON.stringify(result)).toContain(`at most ${String(MESSAGE_TEXT_MAX)} characters`)
    const empty = await alice.client.invoke('sendMessage', {
      conversationId: dmConversationId(alice.peerId, bob.peerId),
      text: '   ',
    })
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    expect(await value(alice.client.invoke('listConversations', {}))).toEqual([])
  })

  it('messages go to and come from contacts only', async () => {
    const alice = await person(cleanups, 'alice')
    const mallory = await person(cleanups, 'mallory')
    await value(
      mallory.client.invoke('dialPeer', {
        multiaddr: (await value(alice.client.invoke('getNetworkStatus', {}))).listenAddresses[0] ?? '',
      }),
    )
    const toStranger = await mallory.client.invoke('sendMessage', {
      conversationId: dmConversationId(mallory.peerId, alice.peerId),
      text: 'hello?',
    })
    expect(toStranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // a stranger's stream is dropped before anything is read
    const frame = envelopeFrame({
      sessionId: new Uint8Array(16),
      header: new Uint8Array(41),
      ciphertext: new Uint8Array(32),
    })
    expect(await rawExchange(mallory, alice, [frame])).toBeInstanceOf(Error)
    expect(await value(alice.client.invoke('listConversations', {}))).toEqual([])
  })

  it('a malformed frame or an unknown version ends that stream; the contact can still write', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    expect(await rawExchange(bob, alice, [Uint8Array.of(0xff, 0xff, 0xff, 0x01)])).toBeInstanceOf(Error)
    const unknown = DmFrame.encode({
      version: DM_FRAME_VERSION + 1,
      type: DmFrame.Type.TYPING,
      typing: true,
      refused: [],
    })
    expect(await rawExchange(bob, alice, [unknown])).toBeInstanceOf(Error)
    // an envelope of an unknown session is refused for good, with a code that says why
    const stray = envelopeFrame({
      sessionId: new Uint8Array(16).fill(7),
      header: Uint8Array.of(1, ...new Uint8Array(40)),
      ciphertext: new Uint8Array(40),
    })
    const replies = await rawExchange(bob, alice, [stray])
    expect(replies).not.toBeInstanceOf(Error)
    const refusal = (replies as DmFrame[])[0]?.refused[0]
    expect(refusal).toMatchObject({ permanent: true, code: Refusal.Code.UNKNOWN_SESSION })
    // a short header is refused before any decryption
    const short = envelopeFrame({
      sessionId: new Uint8Array(16),
      header: new Uint8Array(5),
      ciphertext: new Uint8Array(0),
    })
    expect(((await rawExchange(bob, alice, [short])) as DmFrame[])[0]?.refused[0]?.code).toBe(Refusal.Code.MALFORMED)

    const got = arrived(alice, bob.peerId, 'still here')
    await value(
      bob.client.invoke('sendMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        text: 'still here',
      }),
    )
    await got
  })

  it('a frame length that never ends resets the stream at once; the contact can still write', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const stream = await nodeOf(bob).dialProtocol(peerIdFromString(alice.peerId), DM_PROTOCOL)
    const closed = new Promise<Error | undefined>((resolve) => {
      stream.addEventListener('close', (event) => {
        resolve(event.error)
      })
    })
    // continuation bytes only: a varint that would never end. Alice must not wait for
    // more (the stock decoder kept reading one byte at a time); she resets the stream.
    stream.send(new Uint8Array(4096).fill(0x80))
    const error = await closed
    expect(error?.name).toBe('StreamResetError')

    const got = arrived(alice, bob.peerId, 'after the long length')
    await value(
      bob.client.invoke('sendMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        text: 'after the long length',
      }),
    )
    await got
  })

  it('a contact flooding envelopes is slowed down, and nothing is lost', async () => {
    const alice = await person(cleanups, 'alice', { messageLimits: { envelopeBurst: 10, envelopesPerSecond: 40 } })
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const texts = Array.from({ length: 60 }, (_, i) => `flood ${String(i).padStart(2, '0')}`)
    const last = arrived(alice, bob.peerId, 'flood 59')
    for (const text of texts)
      await value(
        bob.client.invoke('sendMessage', { conversationId: dmConversationId(bob.peerId, alice.peerId), text }),
      )
    await last
    expect(await allTexts(alice, bob.peerId)).toEqual(texts)
  })

  it('a contact opening streams too fast is cut off', async () => {
    const alice = await person(cleanups, 'alice', { messageLimits: { streamBurst: 3, streamsPerSecond: 0.001 } })
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const typing = DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.TYPING, typing: true, refused: [] })
    const typed = waitForEvent(alice.client, 'typingChanged', (e) => e.typing)
    const outcomes = []
    for (let i = 0; i < 6; i++) outcomes.push(await rawExchange(bob, alice, [typing]))
    await typed
    // the first three were read (they end cleanly, with no reply); the rest were dropped unread
    expect(outcomes.map((o) => o instanceof Error)).toEqual([false, false, false, true, true, true])
  })
})
