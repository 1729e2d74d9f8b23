import type { Stream } from '@libp2p/interface'
import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import type { Uint8ArrayList } from 'uint8arraylist'
import type { Cancel, Clock } from '../core/clock.js'
import { DmFrame, type Ack, type Envelope, type Refusal } from '../generated/dm.js'

/**
 * `/parley/dm/1.0.0` (docs/PROTOCOL.md §7.4): the dialler writes ENVELOPE and
 * TYPING frames; the listener answers ACK frames naming every envelope it has
 * stored (or refused). One stream carries many messages; either side may close it.
 */
export const DM_PROTOCOL = '/parley/dm/1.0.0'
export const DM_FRAME_VERSION = 1
/** A frame holds one envelope: 64 KiB of ciphertext plus headers. */
export const MAX_DM_FRAME_BYTES = 72 * 1024
/** Acks per frame. */
export const MAX_ACK_IDS = 512
/** A stream with nothing to read for this long is closed. */
export const DM_IDLE_MS = 120_000

export class FrameError extends Error {
  override readonly name = 'FrameError'
}

export function decodeFrame(bytes: Uint8Array | Uint8ArrayList): DmFrame {
  let frame: DmFrame
  try {
    frame = DmFrame.decode(bytes, { limits: { ack: { stored: MAX_ACK_IDS, refused: MAX_ACK_IDS } } })
  } catch {
    throw new FrameError('malformed frame')
  }
  if (frame.version !== DM_FRAME_VERSION) throw new FrameError(`unsupported frame version ${frame.version}`)
  return frame
}

export function envelopeFrame(envelope: Envelope): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.ENVELOPE, envelope, typing: false })
}

export function typingFrame(typing: boolean): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.TYPING, typing })
}

export function ackFrame(ack: Ack): Uint8Array {
  return DmFrame.encode({ version: DM_FRAME_VERSION, type: DmFrame.Type.ACK, ack, typing: false })
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
  return lpStream(stream, { maxDataLength: MAX_DM_FRAME_BYTES })
}

/** The outcome of one envelope at the receiver, to acknowledge. */
export type EnvelopeOutcome =
  | { readonly kind: 'stored'; readonly envelopeId: Uint8Array<ArrayBuffer> }
  | { readonly kind: 'refused'; readonly refusal: Refusal }

/**
 * Serves an inbound stream: each envelope goes to `onEnvelope` in arrival
 * order (which must not reorder them), and its outcome is acknowledged when it
 * settles. Acks settled together go out in one frame. A malformed frame ends
 * the stream.
 */
export async function serveDmStream(
  stream: Stream,
  handlers: {
    /** `frame`: the frame's bytes as received (kept raw until the envelope is processed). */
    onEnvelope(envelope: Envelope, frame: Uint8Array): Promise<EnvelopeOutcome>
    onTyping(typing: boolean): void
    /** Called per frame; false: over the peer's rate, close the stream. */
    admit(): boolean
    readonly clock: Clock
  },
): Promise<void> {
  const lp = framed(stream)
  const write = frameWriter(lp)
  let stored: Uint8Array<ArrayBuffer>[] = []
  let refused: Refusal[] = []
  let scheduled = false
  let writes: Promise<unknown> = Promise.resolve()
  const flushAcks = (): void => {
    if (scheduled) return
    scheduled = true
    queueMicrotask(() => {
      scheduled = false
      while (stored.length > 0 || refused.length > 0) {
        const ack = { stored: stored.slice(0, MAX_ACK_IDS), refused: refused.slice(0, MAX_ACK_IDS) }
        stored = stored.slice(ack.stored.length)
        refused = refused.slice(ack.refused.length)
        writes = Promise.all([writes, write(ackFrame(ack)).catch(() => undefined)])
      }
    })
  }
  // one timer for the stream that looks at the last frame's time when it runs (not a timer per read)
  const { clock } = handlers
  const idle = new AbortController()
  let lastFrameAt = clock.now()
  const idleTimer: { cancel: Cancel } = { cancel: () => undefined }
  const checkIdle = (): void => {
    const quietFor = clock.now() - lastFrameAt
    if (quietFor >= DM_IDLE_MS) idle.abort()
    else idleTimer.cancel = clock.setTimeout(checkIdle, DM_IDLE_MS - quietFor)
  }
  idleTimer.cancel = clock.setTimeout(checkIdle, DM_IDLE_MS)
  let pending: Promise<unknown> = Promise.resolve()
  const settled = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      queueMicrotask(resolve)
    })
    await writes
  }
  try {
    for (;;) {
      let bytes
      try {
        bytes = await lp.read({ signal: idle.signal })
      } catch {
        break // closed, reset or idle
      }
      lastFrameAt = clock.now()
      if (!handlers.admit()) throw new FrameError('too many messages: slow down')
      const frame = decodeFrame(bytes)
      if (frame.type === DmFrame.Type.TYPING) {
        handlers.onTyping(frame.typing)
      } else if (frame.type === DmFrame.Type.ENVELOPE && frame.envelope !== undefined) {
        const outcome = handlers.onEnvelope(frame.envelope, bytes.subarray()).then(
          (result) => {
            if (result.kind === 'stored') stored.push(result.envelopeId)
            else refused.push(result.refusal)
            flushAcks()
          },
          (err: unknown) => {
            // not stored (e.g. the disk failed): no acknowledgement, the sender sends it again
            stream.abort(err instanceof Error ? err : new Error(String(err)))
          },
        )
        pending = Promise.all([pending, outcome])
      } else {
        throw new FrameError('unexpected frame')
      }
    }
    await pending
    await settled()
    await stream.close()
  } catch (err) {
    // what was stored is still acknowledged before the stream goes
    await pending.catch(() => undefined)
    await settled()
    stream.abort(err instanceof Error ? err : new Error(String(err)))
  } finally {
    idleTimer.cancel()
  }
}
