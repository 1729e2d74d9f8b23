import type { Stream } from '@libp2p/interface'
import type { LengthPrefixedStream } from '@libp2p/utils'
import type { Cancel, Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { toHex } from '../crypto/bytes.js'
import { DM_FRAME_VERSION, decodeFrame, framed, frameWriter, typingFrame } from './dm-protocol.js'
import { DmFrame, type Refusal } from '../generated/dm.js'

/**
 * The sending side of `/parley/dm/1.0.0`: per contact, the outbox in order and
 * one stream to carry it. Envelopes are written as soon as their batch is on
 * disk, up to a window of unacknowledged ones; each leaves the outbox only
 * when the peer acknowledges it. A failed or closed stream puts everything
 * unacknowledged back and retries with backoff — at once when the peer connects.
 */
export interface OutItem {
  /** The outbox record's key. */
  readonly key: string
  readonly envelopeId: string
  /** The encoded Envelope. */
  readonly frame: Uint8Array
  readonly messageId: string | null
  /** The history key of that message, if known. */
  readonly order: string | null
  /** The sequence number of the content it carries (0: a receipt or resend request). */
  readonly seq: number
  /** Resolves when the outbox record is on disk; nothing is sent before. */
  readonly ready: Promise<void>
}

export interface Refused {
  readonly item: OutItem
  readonly code: Refusal.Code
}

export interface LinksOptions {
  readonly self: string
  readonly clock: Clock
  readonly logger: Logger
  dial(peerId: string, signal: AbortSignal): Promise<Stream>
  onStored(peerId: string, items: readonly OutItem[]): Promise<void>
  onRefused(peerId: string, refused: readonly Refused[]): Promise<void>
  isStopped(): boolean
  isConnected(peerId: string): boolean
  /** False for people no longer contacts, or blocked: what waits for them stays until that changes. */
  canSend(peerId: string): boolean
}

export interface Links {
  push(peerId: string, item: OutItem): void
  /** Send what waits for this peer; `now`: forget the backoff (the peer just connected). */
  kick(peerId: string, now?: boolean): void
  kickAll(): void
  typing(peerId: string, typing: boolean): void
  /** Unacknowledged envelopes waiting for a peer. */
  pending(peerId: string): number
  /** A message of ours is still in the outbox (sent or not, not acknowledged). */
  isPending(peerId: string, messageId: string): boolean
  closeAll(): Promise<void>
}

/** How many envelopes may wait for their acknowledgement at once. */
export const SEND_WINDOW = 2048
const DIAL_TIMEOUT_MS = 10_000
const MIN_BACKOFF_MS = 1_000
const MAX_BACKOFF_MS = 5 * 60_000

export function retryDelay(attempts: number): number {
  return Math.min(MIN_BACKOFF_MS * 2 ** Math.min(attempts, 20), MAX_BACKOFF_MS)
}

/** DmFrame.Type.ENVELOPE on the wire. */
const ENVELOPE_TYPE = 1

/** A DmFrame around already-encoded envelope bytes: version 1, type ENVELOPE, field 3. */
function envelopeFrameBytes(envelope: Uint8Array): Uint8Array {
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

interface PeerLink {
  /** Every unacknowledged item, in outbox order. */
  readonly queue: Map<string, OutItem>
  /** How many queued items deliver each message ID (a resend may add a second). */
  readonly messages: Map<string, number>
  readonly inflight: Set<string>
  /** Items not yet written on the current stream, in order (`head` is the next). */
  unsent: OutItem[]
  head: number
  /** Acknowledged items not yet recorded: recorded together, one batch at a time. */
  storedDue: OutItem[]
  refusedDue: Refused[]
  recording: boolean
  stream: Stream | undefined
  lp: LengthPrefixedStream | undefined
  write: ((frame: Uint8Array) => Promise<void>) | undefined
  attempts: number
  nextAt: number
  timer: Cancel | undefined
  pumping: boolean
  again: boolean
  /** Resolves the pump when acks free room in the window. */
  room: (() => void) | undefined
  /** Acks are applied one batch at a time, in order. */
  acks: Promise<void>
  /** A dial under way (the pump and a typing frame may both want the stream). */
  connecting: Promise<boolean> | undefined
}

export function createLinks(options: LinksOptions): Links {
  const { clock, logger: log } = options
  const peers = new Map<string, PeerLink>()

  const linkOf = (peerId: string): PeerLink => {
    let link = peers.get(peerId)
    if (link === undefined) {
      link = {
        queue: new Map(),
        messages: new Map(),
        inflight: new Set(),
        unsent: [],
        head: 0,
        storedDue: [],
        refusedDue: [],
        recording: false,
        stream: undefined,
        lp: undefined,
        write: undefined,
        attempts: 0,
        nextAt: 0,
        timer: undefined,
        pumping: false,
        again: false,
        room: undefined,
        acks: Promise.resolve(),
        connecting: undefined,
      }
      peers.set(peerId, link)
    }
    return link
  }

  const dequeue = (link: PeerLink, item: OutItem): void => {
    if (!link.queue.delete(item.envelopeId) || item.messageId === null) return
    const left = (link.messages.get(item.messageId) ?? 1) - 1
    if (left > 0) link.messages.set(item.messageId, left)
    else link.messages.delete(item.messageId)
  }

  const wake = (link: PeerLink): void => {
    const room = link.room
    link.room = undefined
    room?.()
  }

  const schedule = (peerId: string, link: PeerLink): void => {
    if (link.timer !== undefined || options.isStopped()) return
    link.timer = clock.setTimeout(
      () => {
        link.timer = undefined
        pump(peerId)
      },
      Math.max(0, link.nextAt - clock.now()),
    )
  }

  /** Everything unacknowledged goes back in line, in order. */
  const resetUnsent = (link: PeerLink): void => {
    link.unsent = [...link.queue.values()]
    link.head = 0
  }

  /**
   * Records what was acknowledged: everything due at once, then whatever came
   * in meanwhile, until nothing is due (acks arrive faster than one batch each).
   */
  const record = (peerId: string, link: PeerLink): void => {
    if (link.recording) return
    link.recording = true
    link.acks = (async () => {
      try {
        while (link.storedDue.length + link.refusedDue.length > 0) {
          const stored = link.storedDue
          const refused = link.refusedDue
          link.storedDue = []
          link.refusedDue = []
          try {
            if (stored.length > 0) await options.onStored(peerId, stored)
            if (refused.length > 0) await options.onRefused(peerId, refused)
          } catch (err) {
            log.warn('could not record a delivery', { error: err })
          }
        }
      } finally {
        link.recording = false
      }
    })()
  }

  /** Forgets the link's stream: everything unacknowledged goes back in line. */
  const detach = (link: PeerLink): void => {
    link.stream = undefined
    link.lp = undefined
    link.write = undefined
    link.inflight.clear()
    resetUnsent(link)
    wake(link)
  }

  /** The stream failed or closed: retry later. */
  const drop = (peerId: string, link: PeerLink, stream: Stream, err?: Error): void => {
    if (link.stream !== stream) return
    detach(link)
    if (err !== undefined) stream.abort(err)
    if (link.queue.size > 0) {
      link.attempts++
      link.nextAt = clock.now() + retryDelay(link.attempts - 1)
      schedule(peerId, link)
    }
  }

  const readAcks = async (peerId: string, link: PeerLink, stream: Stream, lp: LengthPrefixedStream): Promise<void> => {
    try {
      for (;;) {
        const frame = decodeFrame(await lp.read())
        if (frame.type !== DmFrame.Type.ACK || frame.ack === undefined) throw new Error('unexpected frame')
        let recorded = false
        let retryLater = false
        for (const id of frame.ack.stored) {
          const item = link.queue.get(toHex(id))
          if (item === undefined) continue
          dequeue(link, item)
          link.inflight.delete(item.envelopeId)
          link.storedDue.push(item)
          recorded = true
        }
        for (const refusal of frame.ack.refused) {
          const item = link.queue.get(toHex(refusal.envelopeId))
          if (item === undefined) continue
          link.inflight.delete(item.envelopeId)
          if (refusal.permanent) {
            dequeue(link, item)
            link.refusedDue.push({ item, code: refusal.code })
            recorded = true
            log.info('a contact refused a message', { code: refusal.code })
          } else {
            retryLater = true
          }
        }
        if (recorded) {
          link.attempts = 0
          record(peerId, link)
        }
        wake(link)
        if (retryLater) throw new Error('the peer asked to retry later')
      }
    } catch (err) {
      drop(peerId, link, stream, err instanceof Error ? err : new Error(String(err)))
    }
  }

  const connect = (peerId: string, link: PeerLink): Promise<boolean> => {
    if (link.stream !== undefined) return Promise.resolve(true)
    link.connecting ??= open(peerId, link).finally(() => {
      link.connecting = undefined
    })
    return link.connecting
  }

  const open = async (peerId: string, link: PeerLink): Promise<boolean> => {
    let stream: Stream
    try {
      stream = await options.dial(peerId, AbortSignal.timeout(DIAL_TIMEOUT_MS))
    } catch (err) {
      log.debug('could not open a message stream', { error: err })
      link.attempts++
      link.nextAt = clock.now() + retryDelay(link.attempts - 1)
      return false
    }
    if (options.isStopped()) {
      stream.abort(new Error('stopping'))
      return false
    }
    const lp = framed(stream)
    link.stream = stream
    link.lp = lp
    link.write = frameWriter(lp)
    void readAcks(peerId, link, stream, lp)
    return true
  }

  /** Not narrowed by the compiler: other tasks open and drop streams while this one awaits. */
  const isOpen = (link: PeerLink): boolean => link.stream !== undefined
  const wantsAgain = (link: PeerLink): boolean => link.again

  const pumpOnce = async (peerId: string, link: PeerLink): Promise<void> => {
    for (;;) {
      if (options.isStopped() || !options.canSend(peerId)) return
      if (link.head >= link.unsent.length) {
        link.unsent = []
        link.head = 0
        return
      }
      if (link.stream === undefined) {
        if (clock.now() < link.nextAt) {
          schedule(peerId, link)
          return
        }
        if (!(await connect(peerId, link))) {
          schedule(peerId, link)
          return
        }
      }
      // send what is not yet on this stream, in order, as far as the window allows
      while (link.head < link.unsent.length) {
        while (link.inflight.size >= SEND_WINDOW && isOpen(link)) {
          await new Promise<void>((resolve) => (link.room = resolve))
        }
        const { stream, write } = link
        if (stream === undefined || write === undefined) break
        const item = link.unsent[link.head]
        if (item === undefined) break
        try {
          await item.ready
        } catch {
          dequeue(link, item) // never written to disk, so never sent
        }
        // the stream may have failed while this item was being written to disk
        if (link.stream !== stream) break
        link.head++
        if (!link.queue.has(item.envelopeId) || link.inflight.has(item.envelopeId)) continue
        link.inflight.add(item.envelopeId)
        write(envelopeFrameBytes(item.frame)).catch((err: unknown) => {
          drop(peerId, link, stream, err instanceof Error ? err : new Error(String(err)))
        })
      }
      if (isOpen(link)) return
    }
  }

  const pump = (peerId: string): void => {
    const link = linkOf(peerId)
    if (link.pumping) {
      link.again = true
      return
    }
    link.pumping = true
    void (async () => {
      try {
        do {
          link.again = false
          await pumpOnce(peerId, link)
        } while (wantsAgain(link) && !options.isStopped())
      } catch (err) {
        log.warn('sending messages failed', { error: err })
      } finally {
        link.pumping = false
      }
    })()
  }

  return {
    push(peerId, item) {
      const link = linkOf(peerId)
      link.queue.set(item.envelopeId, item)
      if (item.messageId !== null) link.messages.set(item.messageId, (link.messages.get(item.messageId) ?? 0) + 1)
      link.unsent.push(item)
      pump(peerId)
    },
    kick(peerId, now = false) {
      const link = peers.get(peerId)
      if (link === undefined || link.queue.size === 0) return
      if (now) {
        link.attempts = 0
        link.nextAt = 0
        link.timer?.()
        link.timer = undefined
      }
      pump(peerId)
    },
    kickAll() {
      for (const peerId of peers.keys()) pump(peerId)
    },
    typing(peerId, typing) {
      const link = linkOf(peerId)
      const send = (): void => {
        link.write?.(typingFrame(typing)).catch(() => undefined)
      }
      if (link.write !== undefined) send()
      else if (options.isConnected(peerId)) {
        void connect(peerId, link).then((ok) => {
          if (ok) send()
        })
      }
    },
    pending: (peerId) => peers.get(peerId)?.queue.size ?? 0,
    isPending: (peerId, messageId) => peers.get(peerId)?.messages.has(messageId) === true,
    async closeAll() {
      const closing: Promise<void>[] = []
      for (const link of peers.values()) {
        link.timer?.()
        link.timer = undefined
        const stream = link.stream
        if (stream !== undefined) {
          detach(link)
          closing.push(
            stream.close().catch(() => {
              stream.abort(new Error('closing'))
            }),
          )
        }
      }
      await Promise.all(closing)
      await Promise.all([...peers.values()].map((l) => l.acks))
    },
  }
}
