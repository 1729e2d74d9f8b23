import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { fromBase64 } from '../crypto/bytes.js'
import { createCommitter, type CommitOp } from '../store/committer.js'
import type { SealedStore } from '../store/sealed-store.js'
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff.js'
import { decodeEntry, encodeEntry } from './records.js'
import type { Carrier, Channel, OutEntry, Outbox, Refused, Transport } from './types.js'
import { newLane, type Lane } from './lane.js'

export type { Carrier, Channel, OutEntry, Outbox, Refused, Transport } from './types.js'

/**
 * The one outbox (docs/ARCHITECTURE.md, "Delivery"): everything that must
 * arrive waits here, per channel (direct messages, contact messages, …) and
 * per peer, in order, until the peer's device acknowledges it — by whatever
 * path that acknowledgement comes — or refuses it for good. An entry is
 * written in the same batch as the change that caused it, and is carried by
 * the first of its channel's transports that can reach the peer, up to the
 * transport's window of unacknowledged entries. When a carrier breaks,
 * everything unacknowledged goes back in line and is retried under one
 * backoff policy, at once when the peer connects.
 */
export interface OutboxOptions {
  readonly store: SealedStore
  readonly clock: Clock
  readonly logger: Logger
  readonly backoff?: BackoffPolicy
}

const DIAL_TIMEOUT_MS = 10_000
const seq12 = (n: number): string => String(n).padStart(12, '0')

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, clock, logger: log } = options
  const policy = options.backoff ?? DEFAULT_BACKOFF
  /** New entries: on disk (synced) before they are sent. */
  const writer = createCommitter(store)
  /** Deletions of acknowledged entries: if one is lost, the entry is sent again and acknowledged again. */
  const cleaner = createCommitter(store, { sync: false })
  const channels = new Map<string, Channel>()
  const lanes = new Map<string, Lane>()
  /** Which lane holds an entry, by its ID (IDs are unique: derived from fresh randomness). */
  const where = new Map<string, Lane>()
  /** Work recorded in order: deletions and the channels' reactions to them. */
  let recording: Promise<void> = Promise.resolve()
  let stopped = false

  const laneOf = (channel: Channel, peer: string): Lane => {
    const name = `${channel.name}\0${peer}`
    let lane = lanes.get(name)
    if (lane === undefined) {
      lane = newLane(channel, peer)
      lanes.set(name, lane)
    }
    return lane
  }

  const channelOf = (name: string): Channel => {
    const channel = channels.get(name)
    if (channel === undefined) throw new Error(`no outbox channel ${name}`)
    return channel
  }

  const wake = (lane: Lane): void => {
    const room = lane.room
    lane.room = undefined
    room?.()
  }

  const dequeue = (lane: Lane, entry: OutEntry): boolean => {
    if (!lane.queue.delete(entry.id)) return false
    where.delete(entry.id)
    if (lane.inflight.delete(entry.id)) lane.quietSince = clock.now()
    if (entry.tag !== null) {
      const left = (lane.tags.get(entry.tag) ?? 1) - 1
      if (left > 0) lane.tags.set(entry.tag, left)
      else lane.tags.delete(entry.tag)
    }
    wake(lane)
    return true
  }

  const record = (work: () => Promise<void>): Promise<void> => {
    const next = recording.then(work).catch((err: unknown) => {
      log.warn('could not record a delivery', { error: err })
    })
    recording = next
    return next
  }

  const schedule = (lane: Lane): void => {
    if (lane.timer !== undefined || stopped) return
    lane.timer = clock.setTimeout(
      () => {
        lane.timer = undefined
        pump(lane)
      },
      Math.max(0, lane.nextAt - clock.now()),
    )
  }

  const failed = (lane: Lane): void => {
    lane.attempts++
    lane.nextAt = clock.now() + backoffDelay(policy, lane.attempts - 1)
  }

  /**
   * Entries in flight that hear nothing back for the transport's limit: the
   * acknowledgements are being lost (a connection that died without a word,
   * answers sent on a stale stream), so the carrier is given up.
   */
  const watchAcks = (lane: Lane, transport: Transport, carrier: Carrier): void => {
    const limit = transport.ackTimeoutMs
    if (limit === undefined || lane.ackTimer !== undefined || stopped) return
    lane.ackTimer = clock.setTimeout(
      () => {
        lane.ackTimer = undefined
        if (lane.carrier !== carrier || lane.inflight.size === 0) return
        if (clock.now() - lane.quietSince < limit) {
          watchAcks(lane, transport, carrier)
          return
        }
        log.info('no acknowledgement for a while: sending again', { channel: lane.channel.name })
        void carrier
          .close()
          .catch(() => undefined)
          .finally(() => {
            detach(lane, carrier)
          })
      },
      Math.max(0, lane.quietSince + limit - clock.now()),
    )
  }

  /** The carrier broke: everything unacknowledged goes back in line, and is tried again later. */
  const detach = (lane: Lane, carrier: Carrier): void => {
    if (lane.carrier !== carrier) return
    lane.ackTimer?.()
    lane.ackTimer = undefined
    lane.carrier = undefined
    lane.inflight.clear()
    lane.unsent = [...lane.queue.values()]
    lane.head = 0
    wake(lane)
    if (lane.queue.size > 0 && !stopped) {
      failed(lane)
      schedule(lane)
    }
  }

  const transportFor = (lane: Lane): Transport | undefined => lane.channel.transports.find((t) => t.canCarry(lane.peer))

  const connect = (lane: Lane, transport: Transport): Promise<boolean> => {
    lane.connecting ??= (async () => {
      try {
        const carrier = await transport.open(lane.peer, AbortSignal.timeout(DIAL_TIMEOUT_MS))
        if (stopped) {
          await carrier.close()
          return false
        }
        lane.carrier = carrier
        void carrier.closed.then(() => {
          detach(lane, carrier)
        })
        return true
      } catch (err) {
        log.debug('could not reach a peer', { channel: lane.channel.name, error: err })
        failed(lane)
        return false
      } finally {
        lane.connecting = undefined
      }
    })()
    return lane.connecting
  }

  /** Not narrowed by the compiler: other tasks open and drop carriers while this one awaits. */
  const carrierOf = (lane: Lane): Carrier | undefined => lane.carrier
  const wantsAgain = (lane: Lane): boolean => lane.again
  const isStopped = (): boolean => stopped

  const pumpOnce = async (lane: Lane): Promise<void> => {
    for (;;) {
      if (stopped || lane.head >= lane.unsent.length) {
        if (lane.head >= lane.unsent.length) {
          lane.unsent = []
          lane.head = 0
        }
        return
      }
      const transport = transportFor(lane)
      if (transport === undefined) return // kicked again when that changes
      if (carrierOf(lane) === undefined) {
        if (clock.now() < lane.nextAt || !(await connect(lane, transport))) {
          schedule(lane)
          return
        }
      }
      // write what is not yet on this carrier, in order, as far as the window allows
      while (lane.head < lane.unsent.length) {
        while (lane.inflight.size >= transport.window && carrierOf(lane) !== undefined) {
          await new Promise<void>((resolve) => (lane.room = resolve))
        }
        const carrier = carrierOf(lane)
        const entry = lane.unsent[lane.head]
        if (carrier === undefined || entry === undefined) break
        try {
          await entry.ready
        } catch {
          dequeue(lane, entry) // never written to disk, so never sent
        }
        // the carrier may have broken while this entry was being written to disk
        if (lane.carrier !== carrier) break
        lane.head++
        if (!lane.queue.has(entry.id) || lane.inflight.has(entry.id)) continue
        if (lane.inflight.size === 0) lane.quietSince = clock.now()
        lane.inflight.add(entry.id)
        watchAcks(lane, transport, carrier)
        carrier.write(entry).catch((err: unknown) => {
          log.debug('not delivered yet', { channel: lane.channel.name, error: err })
          detach(lane, carrier)
        })
      }
      if (carrierOf(lane) !== undefined) return
    }
  }

  const pump = (lane: Lane): void => {
    if (lane.pumping) {
      lane.again = true
      return
    }
    lane.pumping = true
    void (async () => {
      try {
        do {
          lane.again = false
          await pumpOnce(lane)
        } while (wantsAgain(lane) && !isStopped())
      } catch (err) {
        log.warn('sending failed', { error: err })
      } finally {
        lane.pumping = false
      }
    })()
  }

  const kickPeer = (peer: string, now: boolean): void => {
    for (const lane of lanes.values()) {
      if (lane.peer !== peer || lane.queue.size === 0) continue
      if (now) {
        lane.attempts = 0
        lane.nextAt = 0
        lane.timer?.()
        lane.timer = undefined
      }
      pump(lane)
    }
  }

  const add = (lane: Lane, entry: OutEntry): void => {
    lane.queue.set(entry.id, entry)
    where.set(entry.id, lane)
    if (entry.tag !== null) lane.tags.set(entry.tag, (lane.tags.get(entry.tag) ?? 0) + 1)
    lane.unsent.push(entry)
    pump(lane)
  }

  const prepare: Outbox['prepare'] = (channelName, peer, item) => {
    const channel = channelOf(channelName)
    const lane = laneOf(channel, peer)
    const key = `${channel.prefix}/${store.blind(peer)}/${seq12(lane.nextCounter++)}`
    const value = encodeEntry({
      id: item.id,
      peer,
      payload: item.payload,
      tag: item.tag,
      meta: item.meta,
      createdAt: clock.now(),
    })
    return {
      op: { type: 'put', key, value },
      add: (ready) => {
        add(lane, { ...item, key, peer, channel: channelName, ready })
      },
    }
  }

  const outbox: Outbox = {
    register(channel) {
      channels.set(channel.name, channel)
    },

    async load(channelName, peerOfBlind = () => undefined) {
      const channel = channelOf(channelName)
      for await (const [key, value] of store.entries(`${channel.prefix}/`)) {
        const stored = decodeEntry(key, value, peerOfBlind)
        if (stored === undefined) {
          log.warn('dropping an unreadable outbox entry')
          await store.del(key)
          continue
        }
        const { id, peer, payload, tag, meta } = stored
        const lane = laneOf(channel, peer)
        const counter = Number(key.slice(key.lastIndexOf('/') + 1))
        if (Number.isInteger(counter)) lane.nextCounter = Math.max(lane.nextCounter, counter + 1)
        if (where.has(id)) continue
        add(lane, {
          key,
          id,
          peer,
          channel: channelName,
          payload: fromBase64(payload),
          tag,
          meta,
          ready: Promise.resolve(),
        })
      }
    },

    prepare,

    async enqueue(channelName, peer, item, ops = []) {
      const prepared = prepare(channelName, peer, item)
      const ready = writer.commit([...ops, prepared.op])
      prepared.add(ready)
      await ready
    },

    acknowledge(peer, ids) {
      const byLane = new Map<Lane, OutEntry[]>()
      for (const id of ids) {
        const lane = where.get(id)
        const entry = lane?.queue.get(id)
        if (lane === undefined || entry === undefined || lane.peer !== peer) continue
        dequeue(lane, entry)
        lane.attempts = 0
        byLane.set(lane, [...(byLane.get(lane) ?? []), entry])
      }
      if (byLane.size === 0) return Promise.resolve()
      return record(async () => {
        for (const [lane, entries] of byLane) {
          const deleting = cleaner.commit(entries.map((e): CommitOp => ({ type: 'del', key: e.key })))
          await lane.channel.onDelivered(peer, entries)
          await deleting
        }
      })
    },

    refuse(peer, refusals) {
      const byLane = new Map<Lane, Refused[]>()
      for (const { id, code, permanent } of refusals) {
        const lane = where.get(id)
        const entry = lane?.queue.get(id)
        if (lane === undefined || entry === undefined || lane.peer !== peer) continue
        if (!permanent) {
          lane.inflight.delete(id) // sent again after the carrier is replaced
          const carrier = lane.carrier
          if (carrier !== undefined) {
            void carrier.close().finally(() => {
              detach(lane, carrier)
            })
          }
          continue
        }
        dequeue(lane, entry)
        byLane.set(lane, [...(byLane.get(lane) ?? []), { entry, code }])
        log.info('a peer refused an entry', { channel: lane.channel.name, code })
      }
      if (byLane.size === 0) return Promise.resolve()
      return record(async () => {
        for (const [lane, refused] of byLane) {
          await cleaner.commit(refused.map((r): CommitOp => ({ type: 'del', key: r.entry.key })))
          await lane.channel.onRefused(peer, refused)
        }
      })
    },

    async drop(channelName, peer, which = () => true) {
      const lane = laneOf(channelOf(channelName), peer)
      const gone = [...lane.queue.values()].filter(which)
      for (const entry of gone) dequeue(lane, entry)
      await cleaner.commit(gone.map((e): CommitOp => ({ type: 'del', key: e.key })))
    },

    entries: (channelName, peer) => [...laneOf(channelOf(channelName), peer).queue.values()],
    isPending: (channelName, peer, tag) => laneOf(channelOf(channelName), peer).tags.has(tag),
    pending: (channelName, peer) => laneOf(channelOf(channelName), peer).queue.size,
    connected: (peer) => {
      kickPeer(peer, true)
    },
    kick: (peer) => {
      if (peer !== undefined) kickPeer(peer, false)
      else for (const lane of lanes.values()) if (lane.queue.size > 0) pump(lane)
    },

    async stop() {
      stopped = true
      const closing: Promise<void>[] = []
      for (const lane of lanes.values()) {
        lane.timer?.()
        lane.timer = undefined
        lane.ackTimer?.()
        lane.ackTimer = undefined
        const carrier = lane.carrier
        lane.carrier = undefined
        wake(lane)
        if (carrier !== undefined) closing.push(carrier.close().catch(() => undefined))
      }
      await Promise.all(closing)
      await recording
      await writer.idle()
      await cleaner.idle()
    },
  }
  return outbox
}
