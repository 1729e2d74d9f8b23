import { peerIdFromString } from '@libp2p/peer-id'
import { randomBytes } from '@noble/hashes/utils.js'
import type { Libp2p } from 'libp2p'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { fromBase64, toBase64, toHex } from '../crypto/bytes.js'
import { ContactMessage } from '../generated/contact.js'
import type { SealedStore } from '../store/sealed-store.js'
import { PeerRefusedError, sendContactMessage } from './contact-protocol.js'
import { outboxRecordSchema, type OutboxRecord } from './records.js'

/**
 * Contact messages wait here (`outbox/contact/<id>`, sealed) until the peer
 * answers `ok`, or refuses for good. Retries back off from 15 s, doubling, up
 * to an hour; a peer that connects gets all of its messages at once. Only the
 * newest PROFILE for a peer waits.
 */
export interface ContactOutbox {
  readonly enqueue: (peerId: string, message: ContactMessage) => Promise<void>
  /** Sends what is due (no peer), or everything waiting for `peerId` (it connected). One flush at a time. */
  readonly flush: (peerId?: string) => Promise<void>
  readonly waitingFor: (peerId: string, type: ContactMessage.Type) => Promise<boolean>
  /** Nothing more goes to someone who is no longer a contact. */
  readonly dropPeer: (peerId: string) => Promise<void>
}

export interface ContactOutboxOptions {
  readonly store: SealedStore
  readonly clock: Clock
  readonly logger: Logger
  readonly node: () => Libp2p | undefined
  readonly isStopped: () => boolean
  readonly isBlocked: (peerId: string) => boolean
  /** The peer answered `ok` to `message`. */
  readonly delivered: (peerId: string, message: ContactMessage) => Promise<void>
  readonly inBackground: (work: () => Promise<unknown>) => void
}

export const RETRY_MS = 15_000
const MAX_BACKOFF_MS = 60 * 60 * 1000

export function nextAttemptDelay(attempts: number): number {
  return Math.min(RETRY_MS * 2 ** Math.min(attempts, 20), MAX_BACKOFF_MS)
}

const keyOf = (id: string): string => `outbox/contact/${id}`

export function createContactOutbox(options: ContactOutboxOptions): ContactOutbox {
  const { store, clock, logger: log } = options
  const sending = new Set<string>()
  let flushing: Promise<void> | undefined
  const flushPeers = new Set<string>()
  let flushAllDue = false

  const all = async (): Promise<OutboxRecord[]> => {
    const items: OutboxRecord[] = []
    for await (const [, value] of store.entries('outbox/contact/')) {
      const parsed = outboxRecordSchema.safeParse(JSON.parse(Buffer.from(value).toString('utf8')))
      if (parsed.success) items.push(parsed.data)
    }
    return items
  }

  const flushOnce = async (onlyPeer?: string): Promise<void> => {
    const current = options.node()
    if (current === undefined || options.isStopped()) return
    const now = clock.now()
    const pending = (await all()).filter((item) =>
      onlyPeer === undefined ? (item.nextAttemptAt ?? 0) <= now : item.peerId === onlyPeer,
    )
    pending.sort((a, b) => a.createdAt - b.createdAt)
    for (const item of pending) {
      // the service may have stopped while an earlier send was under way
      if (options.isStopped()) return
      if (sending.has(item.id) || options.isBlocked(item.peerId)) continue
      if ((await store.get(keyOf(item.id))) === undefined) continue
      sending.add(item.id)
      const message = ContactMessage.decode(fromBase64(item.message))
      try {
        await sendContactMessage(current, peerIdFromString(item.peerId), message)
        await store.del(keyOf(item.id))
        await options.delivered(item.peerId, message)
      } catch (err) {
        if (err instanceof PeerRefusedError && !err.temporary) {
          log.info('contact message refused by peer', { code: err.code })
          await store.del(keyOf(item.id))
        } else if ((await store.get(keyOf(item.id))) !== undefined) {
          await store.putJson(keyOf(item.id), {
            ...item,
            attempts: item.attempts + 1,
            nextAttemptAt: clock.now() + nextAttemptDelay(item.attempts),
          })
          log.debug('contact message not delivered yet', { error: err })
        }
      } finally {
        sending.delete(item.id)
      }
    }
  }

  /**
   * One flush at a time. Requests that arrive while one runs are remembered —
   * which peers to send to at once, and whether to send everything due — and
   * done right after.
   */
  const flush = (onlyPeer?: string): Promise<void> => {
    if (onlyPeer === undefined) flushAllDue = true
    else flushPeers.add(onlyPeer)
    flushing ??= (async () => {
      try {
        while ((flushPeers.size > 0 || flushAllDue) && !options.isStopped()) {
          const peers = [...flushPeers]
          const everything = flushAllDue
          flushPeers.clear()
          flushAllDue = false
          for (const peer of peers) await flushOnce(peer)
          if (everything) await flushOnce()
        }
      } finally {
        flushing = undefined
      }
    })()
    return flushing
  }

  return {
    enqueue: async (peerId, message) => {
      if (message.type === ContactMessage.Type.PROFILE) {
        // only the newest profile is worth sending: drop older ones still waiting for this peer
        for (const item of await all()) {
          const waiting = ContactMessage.decode(fromBase64(item.message))
          if (item.peerId === peerId && waiting.type === ContactMessage.Type.PROFILE && !sending.has(item.id)) {
            await store.del(keyOf(item.id))
          }
        }
      }
      const id = toHex(randomBytes(16))
      const record: OutboxRecord = {
        v: 1,
        id,
        peerId,
        message: toBase64(ContactMessage.encode(message)),
        attempts: 0,
        createdAt: clock.now(),
      }
      await store.putJson(keyOf(id), record)
      options.inBackground(() => flush(peerId))
    },
    flush,
    waitingFor: async (peerId, type) =>
      (await all()).some(
        (item) => item.peerId === peerId && ContactMessage.decode(fromBase64(item.message)).type === type,
      ),
    dropPeer: async (peerId) => {
      for (const item of await all()) {
        if (item.peerId === peerId) await store.del(keyOf(item.id))
      }
    },
  }
}
