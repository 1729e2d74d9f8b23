import type { Connection, Stream } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import { ContactMessage, ContactReply, NearbyInfo } from '../generated/contact.js'
import { framedStream } from '../network/length-prefixed.js'

/**
 * `/parley/contact/1.0.0`: one request, one reply per stream, each a
 * varint-length-prefixed protobuf message (docs/PROTOCOL.md §6).
 * `/parley/nearby/1.0.0`: the dialler sends nothing; the listener answers
 * with NearbyInfo when it is visible to nearby people, or closes the stream.
 * `/parley/nearby-changed/1.0.0`: nothing either way; it tells the listener
 * that the dialler's answer to the nearby question changed (§6.3).
 */
export const CONTACT_PROTOCOL = '/parley/contact/1.0.0'
export const NEARBY_PROTOCOL = '/parley/nearby/1.0.0'
export const NEARBY_CHANGED_PROTOCOL = '/parley/nearby-changed/1.0.0'
export const CONTACT_MESSAGE_VERSION = 1
/** A profile with its picture fits easily; anything larger is refused before it is buffered. */
export const MAX_CONTACT_MESSAGE_BYTES = 128 * 1024
const MAX_REPLY_BYTES = 1024
const MAX_NEARBY_BYTES = 256
export const STREAM_TIMEOUT_MS = 10_000

/** What each refusal code means, for logs and errors on this side (only the code crosses the wire). */
const REFUSALS: Readonly<Record<ContactReply.Code, string>> = {
  [ContactReply.Code.OK]: 'accepted',
  [ContactReply.Code.MALFORMED]: 'the peer could not read the message',
  [ContactReply.Code.UNSUPPORTED_VERSION]: 'the peer does not accept this contact message version',
  [ContactReply.Code.INVALID_PROFILE]: 'the peer refused the profile',
  [ContactReply.Code.INVALID_PREKEY]: 'the peer refused the prekey',
  [ContactReply.Code.UNKNOWN_INVITE]: 'the peer does not know the invite',
  [ContactReply.Code.INVITE_EXPIRED]: 'the invite has expired',
  [ContactReply.Code.WRONG_INVITE_SECRET]: 'wrong invite secret',
  [ContactReply.Code.INVITE_USED]: 'the invite was already used',
  [ContactReply.Code.RATE_LIMITED]: 'too many requests: try again later',
  [ContactReply.Code.TOO_MANY_PENDING]: 'too many pending requests: try again later',
  [ContactReply.Code.REFUSED]: 'refused',
  [ContactReply.Code.NO_REQUEST]: 'no request to accept',
  [ContactReply.Code.NOT_A_CONTACT]: 'not a contact',
  [ContactReply.Code.UNKNOWN_TYPE]: 'unknown contact message type',
}

/** Refusals that mean "not now": the message stays in the outbox and is sent again later. */
const TEMPORARY: ReadonlySet<ContactReply.Code> = new Set([
  ContactReply.Code.RATE_LIMITED,
  ContactReply.Code.TOO_MANY_PENDING,
])

/** The peer said no. `code` is what crossed the wire; the message is for this side's logs. */
export class PeerRefusedError extends Error {
  override readonly name = 'PeerRefusedError'
  constructor(
    readonly code: ContactReply.Code,
    message: string = REFUSALS[code],
  ) {
    super(message)
  }

  /** Worth sending again later. */
  get temporary(): boolean {
    return TEMPORARY.has(this.code)
  }
}

/** Sends one message and waits for the reply. Throws PeerRefusedError when the peer says no. */
export async function sendContactMessage(
  node: Libp2p,
  peer: Connection['remotePeer'],
  message: ContactMessage,
): Promise<void> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  // small and answered: a relayed (limited) connection carries them as well as a direct one
  const stream = await node.dialProtocol(peer, CONTACT_PROTOCOL, { signal, runOnLimitedConnection: true })
  try {
    const lp = framedStream(stream, MAX_REPLY_BYTES)
    await lp.write(ContactMessage.encode(message), { signal })
    const reply = ContactReply.decode(await lp.read({ signal }))
    await stream.close({ signal })
    if (!reply.ok)
      throw new PeerRefusedError(reply.code === ContactReply.Code.OK ? ContactReply.Code.REFUSED : reply.code)
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
  const lp = framedStream(stream, MAX_CONTACT_MESSAGE_BYTES)
  let reply: ContactReply
  try {
    const message = ContactMessage.decode(await lp.read({ signal }))
    if (message.version !== CONTACT_MESSAGE_VERSION) {
      throw new PeerRefusedError(
        ContactReply.Code.UNSUPPORTED_VERSION,
        `unsupported contact message version ${message.version}`,
      )
    }
    await handle(message)
    reply = { ok: true, code: ContactReply.Code.OK }
  } catch (err) {
    reply = { ok: false, code: err instanceof PeerRefusedError ? err.code : ContactReply.Code.MALFORMED }
  }
  try {
    await lp.write(ContactReply.encode(reply), { signal })
    await stream.close({ signal })
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}

/**
 * Asks over this connection (never a new dial: Nearby stays on the
 * connection that made the peer nearby).
 */
export async function askNearby(connection: Connection): Promise<NearbyInfo | undefined> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  let stream: Stream
  try {
    stream = await connection.newStream(NEARBY_PROTOCOL, { signal })
  } catch {
    return undefined
  }
  try {
    const lp = framedStream(stream, MAX_NEARBY_BYTES)
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
    await framedStream(stream, MAX_NEARBY_BYTES).write(NearbyInfo.encode(info), { signal })
    await stream.close({ signal })
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}

/** Tells the peer, over this connection, that our nearby answer changed. False if it could not be told. */
export async function notifyNearbyChanged(connection: Connection): Promise<boolean> {
  const signal = AbortSignal.timeout(STREAM_TIMEOUT_MS)
  try {
    const stream = await connection.newStream(NEARBY_CHANGED_PROTOCOL, { signal })
    await stream.close({ signal })
    return true
  } catch {
    return false
  }
}

/** The listener's side of a change notice: nothing to read (a byte sent is a protocol error), nothing to say. */
export function acceptNearbyChanged(stream: Stream): void {
  stream.addEventListener('message', () => {
    stream.abort(new Error('a nearby change notice carries no data'))
  })
  void stream.close().catch(() => undefined)
}
