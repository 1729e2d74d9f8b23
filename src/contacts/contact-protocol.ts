import type { Connection, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import type { Libp2p } from 'libp2p'
import { ContactMessage, ContactReply, NearbyInfo } from '../generated/contact.js'

/**
 * `/parley/contact/1.0.0`: one request, one reply per stream, each a
 * varint-length-prefixed protobuf message (docs/PROTOCOL.md §6).
 * `/parley/nearby/1.0.0`: the dialler sends nothing; the listener answers
 * with NearbyInfo when it is visible to nearby people, or closes the stream.
 */
export const CONTACT_PROTOCOL = '/parley/contact/1.0.0'
export const NEARBY_PROTOCOL = '/parley/nearby/1.0.0'
export const CONTACT_MESSAGE_VERSION = 1
/** A profile with its picture fits easily; anything larger is refused before it is buffered. */
export const MAX_CONTACT_MESSAGE_BYTES = 128 * 1024
const MAX_REPLY_BYTES = 1024
const MAX_NEARBY_BYTES = 256
export const STREAM_TIMEOUT_MS = 10_000

export class PeerRefusedError extends Error {
  override readonly name = 'PeerRefusedError'
}

/** Sends one message and waits for the reply. Throws PeerRefusedError when the peer says no. */
export async function sendContactMessage(
  node: Libp2p,
  peer: Connection['remotePeer'],
  message: ContactMessage,
): Promise<void> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  const stream = await node.dialProtocol(peer, CONTACT_PROTOCOL, { signal })
  try {
    const lp = lpStream(stream, { maxDataLength: MAX_REPLY_BYTES })
    await lp.write(ContactMessage.encode(message), { signal })
    const reply = ContactReply.decode(await lp.read({ signal }))
    await stream.close({ signal })
    if (!reply.ok) throw new PeerRefusedError(reply.error.slice(0, 200) || 'refused')
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
}

/** Reads one message from an inbound stream, lets `handle` judge it, writes the reply. */
export async function serveContactStream(
  stream: Stream,
  handle: (message: ContactMessage) => Promise<void>,
): Promise<void> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  const lp = lpStream(stream, { maxDataLength: MAX_CONTACT_MESSAGE_BYTES })
  let reply: ContactReply
  try {
    const message = ContactMessage.decode(await lp.read({ signal }))
    if (message.version !== CONTACT_MESSAGE_VERSION) {
      throw new PeerRefusedError(`unsupported contact message version ${message.version}`)
    }
    await handle(message)
    reply = { ok: true, error: '' }
  } catch (err) {
    reply = { ok: false, error: err instanceof PeerRefusedError ? err.message : 'malformed or refused' }
  }
  try {
    await lp.write(ContactReply.encode(reply), { signal })
    await stream.close({ signal })
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}

export async function askNearby(node: Libp2p, peer: Connection['remotePeer']): Promise<NearbyInfo | undefined> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  let stream: Stream
  try {
    stream = await node.dialProtocol(peer, NEARBY_PROTOCOL, { signal })
  } catch {
    return undefined
  }
  try {
    const lp = lpStream(stream, { maxDataLength: MAX_NEARBY_BYTES })
    const info = NearbyInfo.decode(await lp.read({ signal }))
    await stream.close({ signal })
    return info.version === 1 ? info : undefined
  } catch {
    stream.abort(new Error('no nearby answer'))
    return undefined
  }
}

export async function answerNearby(stream: Stream, info: NearbyInfo | undefined): Promise<void> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  if (info === undefined) {
    stream.abort(new Error('not visible to nearby people'))
    return
  }
  try {
    await lpStream(stream, { maxDataLength: MAX_NEARBY_BYTES }).write(NearbyInfo.encode(info), { signal })
    await stream.close({ signal })
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}
