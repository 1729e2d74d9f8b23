import type { Stream } from '@libp2p/interface'
import type { LengthPrefixedStream } from '@libp2p/utils'
import type { Uint8ArrayList } from 'uint8arraylist'
import { DmFrame, type Refusal, type SealedAck } from '../generated/dm.js'
import { framedStream } from '../network/length-prefixed.js'

/**
 * `/parley/dm/2.0.0` (docs/PROTOCOL.md §7.4): one stream between two peers
 * carries envelopes both ways, typing notices, and REFUSED frames that answer
 * envelopes which came on that stream and were refused. Acknowledgements are
 * sealed contents inside envelopes, not frames. Either side may close it.
 */
export const DM_PROTOCOL = '/parley/dm/2.0.0'
export const DM_FRAME_VERSION = 2
/** A frame holds one envelope: 64 KiB of ciphertext plus headers. */
export const MAX_DM_FRAME_BYTES = 72 * 1024
/** Refusals per frame. */
export const MAX_REFUSALS = 512
/** An acknowledgement names at most 512 envelopes: 8 KiB sealed. */
const MAX_ACK_BYTES = 512 * 16 + 64
/** A stream with nothing read or written for this long is closed. */
export const DM_IDLE_MS = 120_000

export class FrameError extends Error {
  override readonly name = 'FrameError'
}

export function decodeFrame(bytes: Uint8Array | Uint8ArrayList): DmFrame {
  let frame: DmFrame
  try {
    frame = DmFrame.decode(bytes, { limits: { refused: MAX_REFUSALS } })
  } catch {
    throw new FrameError('malformed frame')
  }
  if (frame.version !== DM_FRAME_VERSION) throw new FrameError(`unsupported frame version ${frame.version}`)
  if (frame.ack !== undefined && (frame.ack.sealed.length > MAX_ACK_BYTES || frame.ack.sessionId.length !== 16)) {
    throw new FrameError('malformed acknowledgement')
  }
  return frame
}

export function typingFrame(typing: boolean): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.TYPING, typing, refused: [] })
}

export function ackFrame(ack: SealedAck): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.ACK, typing: false, refused: [], ack })
}

export function refusedFrame(refused: Refusal[]): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.REFUSED, typing: false, refused })
}

/** DmFrame.Type.ENVELOPE on the wire. */
const ENVELOPE_TYPE = 1

/** A DmFrame around already-encoded envelope bytes (version, type ENVELOPE, field 3), without re-encoding them. */
export function envelopeFrameBytes(envelope: Uint8Array): Uint8Array {
  const length: number[] = []
  let n = envelope.length
  while (n >= 0x80) {
    length.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  length.push(n)
  const head = [0x08, DM_FRAME_VERSION, 0x10, ENVELOPE_TYPE, 0x1a, ...length]
  const out = new Uint8Array(head.length + envelope.length)
  out.set(head, 0)
  out.set(envelope, head.length)
  return out
}

/** Writes frames in order, one at a time, on a length-prefixed stream. */
export function frameWriter(lp: LengthPrefixedStream): (frame: Uint8Array) => Promise<void> {
  let tail: Promise<void> = Promise.resolve()
  return (frame) => {
    const next = tail.then(() => lp.write(frame))
    tail = next.catch(() => undefined)
    return next
  }
}

export function framed(stream: Stream): LengthPrefixedStream {
  return framedStream(stream, MAX_DM_FRAME_BYTES)
}
