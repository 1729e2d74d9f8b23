import { peerIdFromString } from '@libp2p/peer-id'
import type { Stream } from '@libp2p/interface'
import type { LengthPrefixedStream } from '@libp2p/utils'
import type { Libp2p } from 'libp2p'
import type { Cancel, Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { toHex } from '../crypto/bytes.js'
import { DmFrame, type Envelope, type Refusal, type SealedAck } from '../generated/dm.js'
import { FrameLengthError } from '../network/length-prefixed.js'
import { RateLimiter } from './rate-limiter.js'
import {
  DM_IDLE_MS,
  DM_PROTOCOL,
  FrameError,
  MAX_REFUSALS,
  ackFrame,
  decodeFrame,
  envelopeFrameBytes,
  framed,
  frameWriter,
  refusedFrame,
  typingFrame,
} from './direct-wire.js'
import type { Carrier, Outbox, Transport } from './types.js'

/**
 * The peer link: the one place that owns envelope streams to peers
 * (`/parley/dm/2.0.0`) — who may open them, at what rate, on which
 * connections, for how long — and the direct transport of the outbox. A
 * stream, whichever side opened it, carries envelopes both ways: ours to them
 * (the outbox's entries, and sealed acknowledgements), theirs to us. The
 * newest open stream with a peer is the one written on.
 */
export interface InboundLimits {
  /** Streams a peer may open at once, and how many more per second after. */
  readonly streamBurst: number
  readonly streamsPerSecond: number
  /** Envelopes a peer may send in a burst, and per second after. */
  readonly envelopeBurst: number
  readonly envelopesPerSecond: number
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  streamBurst: 30,
  streamsPerSecond: 0.5,
  envelopeBurst: 20_000,
  envelopesPerSecond: 5_000,
}

/** How many envelopes may wait for their acknowledgement at once, per peer. */
export const SEND_WINDOW = 2048
/**
 * Envelopes on a stream that hear no acknowledgement at all for this long are
 * sent again on a new one: an answer can be lost (written on a stream whose
 * connection died unnoticed), and the peer recognises the copies.
 */
export const ACK_TIMEOUT_MS = 20_000
/**
 * Envelopes travel on relayed (limited) connections too: they are small, and
 * end-to-end acknowledged, so one cut off by a relay's limit is sent again.
 */
const ON_LIMITED_CONNECTIONS = true
const MAX_INBOUND_STREAMS = 16

/** The fate of one envelope from a peer: kept, or refused (answered on the stream it came on). */
export type EnvelopeOutcome = { readonly kind: 'stored' } | { readonly kind: 'refused'; readonly refusal: Refusal }

export interface PeerLinkOptions {
  readonly clock: Clock
  readonly logger: Logger
  readonly outbox: Outbox
  readonly limits?: Partial<InboundLimits>
  /** Someone we exchange envelopes with (a contact, not blocked). */
  accepts(peer: string): boolean
  /** An envelope from the peer, with the frame's bytes as received. Called in arrival order. */
  onEnvelope(peer: string, envelope: Envelope, frame: Uint8Array): Promise<EnvelopeOutcome>
  /** A sealed acknowledgement from the peer (any stream). */
  onAck(peer: string, ack: SealedAck): void
  onTyping(peer: string, typing: boolean): void
}

export interface PeerLink {
  readonly transport: Transport
  /** Binds to a freshly started node, or unbinds (undefined): streams of the old node are closed. */
  attach(node: Libp2p | undefined): Promise<void>
  /**
   * An envelope nobody acknowledges (an acknowledgement): on the open stream,
   * or a new one if connected; resolves once written, or dropped.
   */
  sendLoose(peer: string, envelope: Uint8Array): Promise<void>
  /** A sealed acknowledgement, the same way as `sendLoose`. */
  sendAck(peer: string, ack: SealedAck): Promise<void>
  typing(peer: string, typing: boolean): void
  isConnected(peer: string): boolean
  stop(): Promise<void>
}

interface Link {
  readonly peer: string
  readonly stream: Stream
  readonly write: (frame: Uint8Array) => Promise<void>
  readonly closed: Promise<void>
}

export function createPeerLink(options: PeerLinkOptions): PeerLink {
  const { clock, logger: log, outbox } = options
  const limits = { ...DEFAULT_INBOUND_LIMITS, ...options.limits }
  const streamLimit = new RateLimiter(limits.streamBurst, limits.streamsPerSecond)
  const envelopeLimit = new RateLimiter(limits.envelopeBurst, limits.envelopesPerSecond)
  /** Open streams per peer, oldest first. */
  const links = new Map<string, Link[]>()
  const dialling = new Map<string, Promise<Link>>()
  let node: Libp2p | undefined
  let stopped = false
  /** Not narrowed by the compiler: the node may change and the link stop while a dial is under way. */
  const isCurrent = (candidate: Libp2p): boolean => !stopped && node === candidate

  const current = (peer: string): Link | undefined => links.get(peer)?.at(-1)

  const forget = (link: Link): void => {
    const left = (links.get(link.peer) ?? []).filter((l) => l !== link)
    if (left.length > 0) links.set(link.peer, left)
    else links.delete(link.peer)
  }

  /** Reads a stream until it ends, whichever side opened it; refusals go back on it. */
  const serve = async (link: Link, lp: LengthPrefixedStream, idle: AbortSignal, touch: () => void): Promise<void> => {
    const { peer, stream } = link
    let refused: Refusal[] = []
    let flushing = false
    let writes: Promise<unknown> = Promise.resolve()
    const flushRefusals = (): void => {
      if (flushing) return
      flushing = true
      queueMicrotask(() => {
        flushing = false
        while (refused.length > 0) {
          const batch = refused.slice(0, MAX_REFUSALS)
          refused = refused.slice(batch.length)
          writes = Promise.all([writes, link.write(refusedFrame(batch)).catch(() => undefined)])
        }
      })
    }
    let pending: Promise<unknown> = Promise.resolve()
    const settled = async (): Promise<void> => {
      await pending.catch(() => undefined)
      await new Promise<void>((resolve) => {
        queueMicrotask(resolve)
      })
      await writes
    }
    try {
      for (;;) {
        let bytes
        try {
          bytes = await lp.read({ signal: idle })
        } catch (err) {
          if (err instanceof FrameLengthError) throw err // a length that can only be too long: reset
          break // closed, reset or idle
        }
        touch()
        const frame = decodeFrame(bytes)
        if (frame.type === DmFrame.Type.ENVELOPE && frame.envelope !== undefined) {
          if (!envelopeLimit.take(peer, clock.now())) throw new FrameError('too many messages: slow down')
          const outcome = options.onEnvelope(peer, frame.envelope, bytes.subarray()).then(
            (result) => {
              if (result.kind === 'refused') {
                refused.push(result.refusal)
                flushRefusals()
              }
            },
            (err: unknown) => {
              // not stored (e.g. the disk failed): no acknowledgement, so the sender sends it again
              stream.abort(err instanceof Error ? err : new Error(String(err)))
            },
          )
          pending = Promise.all([pending, outcome])
        } else if (frame.type === DmFrame.Type.ACK && frame.ack !== undefined) {
          if (!envelopeLimit.take(peer, clock.now())) throw new FrameError('too many messages: slow down')
          options.onAck(peer, frame.ack)
        } else if (frame.type === DmFrame.Type.REFUSED) {
          void outbox.refuse(
            peer,
            frame.refused.map((r) => ({ id: toHex(r.envelopeId), code: r.code, permanent: r.permanent })),
          )
        } else if (frame.type === DmFrame.Type.TYPING) {
          options.onTyping(peer, frame.typing)
        } else {
          throw new FrameError('unexpected frame')
        }
      }
      await settled()
      await stream.close()
    } catch (err) {
      // what was refused is still answered before the stream goes
      await settled()
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /** Starts using a stream with `peer`: reads it, and makes it the one written on. */
  const adopt = (peer: string, stream: Stream): Link => {
    const lp = framed(stream)
    const write = frameWriter(lp)
    let lastActivity = clock.now()
    const touch = (): void => {
      lastActivity = clock.now()
    }
    const idle = new AbortController()
    const timer: { cancel: Cancel } = { cancel: () => undefined }
    const checkIdle = (): void => {
      const quietFor = clock.now() - lastActivity
      if (quietFor >= DM_IDLE_MS) idle.abort()
      else timer.cancel = clock.setTimeout(checkIdle, DM_IDLE_MS - quietFor)
    }
    timer.cancel = clock.setTimeout(checkIdle, DM_IDLE_MS)
    let closed!: () => void
    const link: Link = {
      peer,
      stream,
      write: (frame) => {
        touch()
        return write(frame)
      },
      closed: new Promise<void>((resolve) => (closed = resolve)),
    }
    links.set(peer, [...(links.get(peer) ?? []), link])
    void serve(link, lp, idle.signal, touch).finally(() => {
      timer.cancel()
      forget(link)
      closed()
    })
    return link
  }

  const dial = (peer: string, signal?: AbortSignal): Promise<Link> => {
    const had = dialling.get(peer)
    if (had !== undefined) return had
    const attempt = (async () => {
      const current = node
      if (current === undefined || stopped) throw new Error('not running')
      const stream = await current.dialProtocol(peerIdFromString(peer), DM_PROTOCOL, {
        ...(signal === undefined ? {} : { signal }),
        runOnLimitedConnection: ON_LIMITED_CONNECTIONS,
      })
      if (!isCurrent(current)) {
        stream.abort(new Error('stopping'))
        throw new Error('not running')
      }
      return adopt(peer, stream)
    })().finally(() => dialling.delete(peer))
    dialling.set(peer, attempt)
    return attempt
  }

  const isConnected = (peer: string): boolean => (node?.getConnections(peerIdFromString(peer)).length ?? 0) > 0

  const closeAll = async (): Promise<void> => {
    const all = [...links.values()].flat()
    links.clear()
    await Promise.all(
      all.map((link) =>
        link.stream.close().catch(() => {
          link.stream.abort(new Error('closing'))
        }),
      ),
    )
  }

  const transport: Transport = {
    name: 'direct',
    window: SEND_WINDOW,
    ackTimeoutMs: ACK_TIMEOUT_MS,
    canCarry: (peer) => node !== undefined && !stopped && options.accepts(peer),
    async open(peer, signal): Promise<Carrier> {
      const link = current(peer) ?? (await dial(peer, signal))
      return {
        write: (entry) => link.write(envelopeFrameBytes(entry.payload)),
        closed: link.closed,
        close: async () => {
          await link.stream.close().catch(() => {
            link.stream.abort(new Error('closing'))
          })
        },
      }
    },
  }

  const writeLoose = async (peer: string, frame: Uint8Array): Promise<void> => {
    try {
      const link = current(peer) ?? (isConnected(peer) ? await dial(peer) : undefined)
      await link?.write(frame)
    } catch {
      // dropped: the envelope it answers is sent again, and answered again
    }
  }

  return {
    transport,
    async attach(next) {
      await closeAll()
      node = next
      if (next === undefined || stopped) return
      await next.handle(
        DM_PROTOCOL,
        (stream, connection) => {
          const peer = connection.remotePeer.toString()
          if (stopped || !options.accepts(peer)) {
            stream.abort(new Error('messages are accepted only from contacts'))
            return
          }
          if (!streamLimit.take(peer, clock.now())) {
            log.info('a contact opens message streams too fast')
            stream.abort(new Error('too many streams'))
            return
          }
          adopt(peer, stream)
        },
        { maxInboundStreams: MAX_INBOUND_STREAMS, runOnLimitedConnection: ON_LIMITED_CONNECTIONS },
      )
    },
    sendLoose: (peer, envelope) => writeLoose(peer, envelopeFrameBytes(envelope)),
    sendAck: (peer, ack) => writeLoose(peer, ackFrame(ack)),
    typing(peer, typing) {
      void writeLoose(peer, typingFrame(typing))
    },
    isConnected,
    async stop() {
      stopped = true
      await closeAll()
    },
  }
}
