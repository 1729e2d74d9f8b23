import type { IdentifyResult, PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from 'libp2p'
import type { Cancel, Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { fromBase64, toBase64 } from '../crypto/bytes.js'
import { reservedRelays } from '../network/routes.js'
import type { ContactBook } from './contact-book.js'
import type { ContactRecord } from './records.js'

/**
 * Keeps contacts reachable wherever they go: the contact's own signed word on
 * where it listens (its peer record, which identify delivers on every
 * connection and identify push on every change) is kept in its record, handed
 * back to libp2p's peer store at each start, and a contact we are not
 * connected to is looked for — its known addresses dialled, then the DHT
 * asked (`findPeer`, internet mode) — at start, after it goes away, when we
 * gain a relay, and then at a growing interval.
 */
export interface ContactReach {
  attach(node: Libp2p | undefined, internet: boolean): void
  /** Keeps a contact's signed peer record from the peer store (a new contact, or a new connection). */
  capture(peerId: string): Promise<void>
  /** A contact went away or was added: look for it soon. */
  lookSoon(peerId: string): void
}

export interface ContactReachOptions {
  readonly book: ContactBook
  readonly clock: Clock
  readonly logger: Logger
  /** The contact list changed in a way the UI shows (looked for, or its addresses). */
  readonly changed: () => void
  readonly inBackground: (work: () => Promise<unknown>) => void
}

/** The first look after a contact goes away, and the longest interval between looks. */
export const LOOK_FIRST_MS = 2_000
export const LOOK_INTERVAL_MS = 30_000
export const LOOK_MAX_INTERVAL_MS = 10 * 60_000
const LOOKS_AT_ONCE = 4
/** Contacts looked for at once per cycle, the most recently seen first. */
const LOOKS_PER_CYCLE = 200
const DIAL_TIMEOUT_MS = 10_000
const FIND_TIMEOUT_MS = 20_000
/** The longest signed record kept (base64 characters: the record's bound). */
const ANNOUNCED_MAX_CHARS = 8192
/** The addresses kept per contact (the record's bound). */
const ADDRESSES_KEPT = 16

/** Relays used as extra bootstrap peers, at most. */
const CONTACT_RELAYS_MAX = 8

/**
 * The relays contacts were last reachable through: the part of each circuit
 * address up to the relay's `/p2p/<ID>`, each once, most recently seen
 * contacts first. A relay that serves our contacts is an entry point to the
 * network a censor's block of the public bootstrap peers does not cover.
 */
export function relaysOf(contacts: readonly ContactRecord[]): string[] {
  const relays = new Set<string>()
  for (const contact of [...contacts].sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0))) {
    for (const address of contact.addresses) {
      const cut = address.indexOf('/p2p-circuit')
      if (cut > 0 && address.slice(0, cut).includes('/p2p/')) relays.add(address.slice(0, cut))
      if (relays.size === CONTACT_RELAYS_MAX) return [...relays]
    }
  }
  return [...relays]
}

/** The addresses a peer record names, as text, each once, within the record's bound. */
export function addressesOf(addrs: readonly Multiaddr[]): string[] {
  return [...new Set(addrs.map((a) => a.toString()))].slice(0, ADDRESSES_KEPT)
}

export function contactReach(options: ContactReachOptions): ContactReach {
  const { book, clock } = options
  const log = options.logger.child('reach')
  let node: Libp2p | undefined
  let internet = false
  let timer: Cancel | undefined
  /** When each contact is next looked for, and the interval after that. */
  const schedule = new Map<string, { at: number; interval: number }>()
  let cycling = false

  const connected = (peer: PeerId): boolean => (node?.getConnections(peer).length ?? 0) > 0

  /** Hands each contact's last signed peer record back to the peer store (it verifies the signature). */
  const restore = async (current: Libp2p): Promise<void> => {
    for (const contact of book.contacts.values()) {
      const announced = contact.announced
      if (announced === undefined || contact.blocked) continue
      try {
        await current.peerStore.consumePeerRecord(fromBase64(announced.envelope), {
          expectedPeer: peerIdFromString(contact.peerId),
        })
      } catch (err) {
        log.debug('a stored peer record was refused', { peer: contact.peerId, error: err })
      }
    }
  }

  /** Keeps what a contact announced last: its signed record (as the peer store holds it) and the addresses in it. */
  const capture = async (current: Libp2p, peerId: string): Promise<void> => {
    const contact = book.contacts.get(peerId)
    if (contact === undefined) return
    const stored = await current.peerStore.get(peerIdFromString(peerId))
    const envelope = stored.peerRecordEnvelope
    if (envelope === undefined) return
    const encoded = toBase64(envelope)
    // a record beyond what the contact record keeps is not kept (the record must load again)
    if (contact.announced?.envelope === encoded || encoded.length > ANNOUNCED_MAX_CHARS) return
    const addresses = addressesOf(stored.addresses.filter((a) => a.isCertified).map((a) => a.multiaddr))
    await book.saveContact({
      ...contact,
      announced: { envelope: encoded, at: clock.now() },
      ...(addresses.length > 0 ? { addresses } : {}),
    })
    log.debug('contact announced its addresses', { peer: peerId, addresses: addresses.length })
  }

  const onIdentify = (evt: CustomEvent<IdentifyResult>): void => {
    const current = node
    const peerId = evt.detail.peerId.toString()
    if (current === undefined || evt.detail.signedPeerRecord === undefined || !book.contacts.has(peerId)) return
    options.inBackground(() => capture(current, peerId))
  }

  const dialOnce = async (current: Libp2p, peer: PeerId): Promise<boolean> => {
    try {
      await current.dial(peer, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })
      return true
    } catch {
      return false
    }
  }

  /** Dials the contact at what we know; then, on the internet, asks the DHT where it is now. */
  const lookFor = async (current: Libp2p, peerId: string): Promise<boolean> => {
    const peer = peerIdFromString(peerId)
    if (await dialOnce(current, peer)) return true
    if (!internet || node !== current) return false
    try {
      // asked of the network: the peer store would answer with the stale addresses that just failed
      const found = await current.peerRouting.findPeer(peer, {
        signal: AbortSignal.timeout(FIND_TIMEOUT_MS),
        useCache: false,
      })
      log.info('the DHT knows where a contact is', { peer: peerId, addresses: found.multiaddrs.length })
      await current.peerStore.merge(peer, { multiaddrs: found.multiaddrs })
    } catch (err) {
      log.debug('the DHT does not know where a contact is', { peer: peerId, error: err })
      return false
    }
    return node === current && (await dialOnce(current, peer))
  }

  const due = (): string[] => {
    const now = clock.now()
    return (
      [...book.contacts.values()]
        .filter((c) => !c.blocked && !connected(peerIdFromString(c.peerId)))
        // a timer may run a little early: what is due within a second is due now
        .filter((c) => (schedule.get(c.peerId)?.at ?? 0) <= now + 1_000)
        .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0))
        .slice(0, LOOKS_PER_CYCLE)
        .map((c) => c.peerId)
    )
  }

  const cycle = async (): Promise<void> => {
    const current = node
    if (current === undefined || cycling) return
    cycling = true
    try {
      const next = due().values()
      const worker = async (): Promise<void> => {
        for (let item = next.next(); !item.done; item = next.next()) {
          if (node !== current) return
          const peerId = item.value
          if (book.setLooking(peerId, true)) options.changed()
          const found = await lookFor(current, peerId)
          if (book.setLooking(peerId, false)) options.changed()
          const interval = schedule.get(peerId)?.interval ?? LOOK_INTERVAL_MS
          schedule.set(peerId, {
            at: clock.now() + interval,
            interval: found ? LOOK_INTERVAL_MS : Math.min(interval * 2, LOOK_MAX_INTERVAL_MS),
          })
          if (!found) log.debug('contact not reachable now', { peer: peerId, nextLookInMs: interval })
        }
      }
      await Promise.all(Array.from({ length: LOOKS_AT_ONCE }, worker))
    } finally {
      cycling = false
    }
  }

  const runCycle = (): void => {
    options.inBackground(cycle)
  }

  /**
   * Our own addresses changed: when we gained a relay (or a new one replaced
   * a lost one), contacts may reach us, and we them, where nothing worked
   * before, so every one not connected is looked for again now.
   */
  let relays = ''
  const onSelfUpdate = (): void => {
    const now = reservedRelays(node?.getMultiaddrs() ?? []).join(' ')
    const gained = now !== '' && now !== relays
    relays = now
    if (!gained) return
    log.info('our relays changed: looking for contacts again', { relays: now })
    schedule.clear()
    runCycle()
  }

  return {
    attach(next, isInternet) {
      const previous = node
      if (previous !== undefined) {
        previous.removeEventListener('peer:identify', onIdentify)
        previous.removeEventListener('self:peer:update', onSelfUpdate)
      }
      relays = ''
      timer?.()
      timer = undefined
      node = next
      internet = isInternet
      schedule.clear()
      for (const contact of book.contacts.values()) if (book.setLooking(contact.peerId, false)) options.changed()
      if (next === undefined) return
      next.addEventListener('peer:identify', onIdentify)
      next.addEventListener('self:peer:update', onSelfUpdate)
      options.inBackground(async () => {
        await restore(next)
        await cycle()
      })
      timer = clock.setInterval(runCycle, LOOK_INTERVAL_MS)
    },
    capture: async (peerId) => {
      if (node !== undefined) await capture(node, peerId)
    },
    lookSoon(peerId) {
      const entry = schedule.get(peerId)
      schedule.set(peerId, { at: clock.now() + LOOK_FIRST_MS, interval: entry?.interval ?? LOOK_INTERVAL_MS })
      clock.setTimeout(runCycle, LOOK_FIRST_MS)
    },
  }
}
