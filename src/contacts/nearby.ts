import type { Connection } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import {
  ApiFailure,
  type ApiEvent,
  type ContactRequest,
  type NearbyPeer,
  type NearbyRelation,
  type OwnFingerprint,
  hasControl,
} from '../api/index.js'
import type { Identity } from '../accounts/identity.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { owned } from '../crypto/bytes.js'
import { isLanMultiaddr } from '../network/lan-address.js'
import type { SealedStore } from '../store/sealed-store.js'
import { publicKeyOf, type ContactBook } from './contact-book.js'
import {
  NEARBY_CHANGED_PROTOCOL,
  NEARBY_PROTOCOL,
  acceptNearbyChanged,
  answerNearby,
  askNearby,
  notifyNearbyChanged,
} from './contact-protocol.js'
import { createNearbySchedule, type NearbyJob } from './nearby-schedule.js'
import { shortFingerprint } from './safety-number.js'

/**
 * Nearby: people on the same LAN who chose to be visible, and us among them
 * when we choose to be (a setting kept under `settings/nearby`, off by
 * default). It is one choice both ways, as in Briar: while we are visible we
 * answer the nearby question (name and agreement key) to LAN peers and ask it
 * of them — when they connect, when we turn visible, and when they tell us
 * their answer changed; while we are not, we answer nothing, ask nothing and
 * list nobody. Switching either way tells the LAN peers we are connected to,
 * so they ask again at once instead of at the next connection. Every entry
 * carries where that person stands with us (request sent or received,
 * contact), kept current as requests and contacts change.
 */
export interface ContactNearby {
  /** Serves the nearby protocols on a freshly started node. */
  attach(node: NearbyNode): Promise<void>
  /** The node stopped: nobody is nearby any more. */
  detach(): void
  /** The service stopped: nothing more runs (no event). */
  stop(): void
  setNearbyVisible(visible: boolean): Promise<void>
  nearbyVisible(): boolean
  nearby(): NearbyPeer[]
  addNearby(peerId: string, message: string): Promise<ContactRequest>
  ownFingerprint(): OwnFingerprint
  /** Peers connecting are asked who they are, leaving ones leave the list; request and contact changes update it. */
  onNetworkEvent(event: ApiEvent): void
}

/** The node as Nearby uses it. */
export type NearbyNode = Pick<Libp2p, 'handle' | 'getConnections'>

/** The wire (contact-protocol.ts); tests put fakes here. */
export interface NearbyWire {
  ask: typeof askNearby
  answer: typeof answerNearby
  notify: typeof notifyNearbyChanged
  accept: typeof acceptNearbyChanged
}

export interface ContactNearbyContext {
  readonly book: Pick<ContactBook, 'self' | 'contacts' | 'isBlocked' | 'requestFrom'>
  readonly store: Pick<SealedStore, 'putJson'>
  readonly events: EventHub
  readonly identity: Pick<Identity, 'signingPublic' | 'agreementPublic'>
  readonly clock: Clock
  readonly logger: Logger
  /** Whether we are visible, as stored (see `loadNearbyVisible`). */
  readonly visible: boolean
  /** The name shown to nearby people. */
  displayName(): Promise<string>
  /** The running node, if any. */
  node(): NearbyNode | undefined
  /** Asks a nearby peer to become a contact (see ContactInvites). */
  sendRequest(peerId: string, name: string, message: string, addresses: readonly string[]): Promise<ContactRequest>
  readonly wire?: NearbyWire
}

const MAX_NEARBY = 200
const SETTING = 'settings/nearby'
const WIRE: NearbyWire = {
  ask: askNearby,
  answer: answerNearby,
  notify: notifyNearbyChanged,
  accept: acceptNearbyChanged,
}

/** Whether we are visible to nearby people, as stored (not visible by default). */
export async function loadNearbyVisible(store: Pick<SealedStore, 'getJson'>): Promise<boolean> {
  return ((await store.getJson(SETTING)) as { visible?: boolean } | undefined)?.visible === true
}

/** A connection that makes a peer nearby: open, direct (not relayed, so not limited) and to a LAN address. */
export function isNearbyConnection(connection: Connection): boolean {
  return (
    connection.status === 'open' &&
    connection.limits === undefined &&
    isLanMultiaddr(connection.remoteAddr) &&
    !connection.remoteAddr.toString().includes('/p2p-circuit')
  )
}

interface Found {
  readonly peerId: string
  readonly displayName: string
  readonly fingerprint: string
}

export function contactNearby(ctx: ContactNearbyContext): ContactNearby {
  const { book, store, events, identity } = ctx
  const wire = ctx.wire ?? WIRE
  const log = ctx.logger
  const found = new Map<string, Found>()
  let visible = ctx.visible
  /** Read afresh after each await (a plain `visible` stays narrowed across it). */
  const isVisible = (): boolean => visible
  /** What the last `nearbyChanged` said, to announce only changes. */
  let announced = ''

  const relationOf = (peerId: string): { relation: NearbyRelation; requestId: string | null } => {
    if (book.contacts.has(peerId)) return { relation: 'contact', requestId: null }
    const sent = book.requestFrom(peerId, 'outgoing')
    if (sent !== undefined) return { relation: 'requestSent', requestId: sent.requestId }
    const received = book.requestFrom(peerId, 'incoming')
    if (received !== undefined) return { relation: 'requestReceived', requestId: received.requestId }
    return { relation: 'none', requestId: null }
  }

  const list = (): NearbyPeer[] =>
    [...found.values()].map((p) => {
      const { relation, requestId } = relationOf(p.peerId)
      return { ...p, isContact: relation === 'contact', relation, requestId }
    })

  const announceIfChanged = (): void => {
    const nearby = list()
    const summary = JSON.stringify(nearby)
    if (summary === announced) return
    announced = summary
    events.emit({ name: 'nearbyChanged', payload: { nearby } })
  }

  /** The connection over which `peerId` is nearby, if there is one. */
  const nearbyConnection = (peerId: string): Connection | undefined =>
    ctx
      .node()
      ?.getConnections()
      .find((c) => c.remotePeer.toString() === peerId && isNearbyConnection(c))

  const probe = async (peerId: string): Promise<void> => {
    const connection = nearbyConnection(peerId)
    if (!visible || connection === undefined || book.isBlocked(peerId)) {
      if (found.delete(peerId)) announceIfChanged()
      return
    }
    const info = await wire.ask(connection)
    // the answer counts only if nothing changed meanwhile: still visible, still connected
    if (!isVisible() || nearbyConnection(peerId) === undefined) {
      if (found.delete(peerId)) announceIfChanged()
      return
    }
    const name = info?.displayName.trim() ?? ''
    if (info?.agreementKey.length !== 32 || name === '' || hasControl(info.displayName)) {
      if (found.delete(peerId)) announceIfChanged()
      return
    }
    if (found.size >= MAX_NEARBY && !found.has(peerId)) return
    found.set(peerId, {
      peerId,
      displayName: info.displayName.slice(0, 64),
      fingerprint: shortFingerprint(publicKeyOf(peerId)),
    })
    announceIfChanged()
  }

  const notify = async (peerId: string): Promise<void> => {
    const connection = nearbyConnection(peerId)
    if (connection !== undefined) await wire.notify(connection)
  }

  const schedule = createNearbySchedule({
    clock: ctx.clock,
    run: (peerId: string, job: NearbyJob) => (job === 'probe' ? probe(peerId) : notify(peerId)),
    onError: (err) => {
      log.debug('nearby work failed', { error: err })
    },
  })

  /** Every peer nearby now (bounded by the node's connection limit). */
  const nearbyPeers = (): string[] => [
    ...new Set(
      (ctx.node()?.getConnections() ?? [])
        .filter((c) => isNearbyConnection(c))
        .map((c) => c.remotePeer.toString())
        .filter((peerId) => !book.isBlocked(peerId)),
    ),
  ]

  return {
    async attach(node) {
      await node.handle(
        NEARBY_PROTOCOL,
        async (stream, connection) => {
          const peerId = connection.remotePeer.toString()
          // nearby means on this LAN: an internet peer never learns our name this way
          const answering = visible && isNearbyConnection(connection) && !book.isBlocked(peerId)
          await wire.answer(
            stream,
            answering
              ? { version: 1, displayName: await ctx.displayName(), agreementKey: owned(identity.agreementPublic) }
              : undefined,
          )
        },
        { maxInboundStreams: 2 },
      )
      await node.handle(
        NEARBY_CHANGED_PROTOCOL,
        (stream, connection) => {
          wire.accept(stream)
          const peerId = connection.remotePeer.toString()
          // not visible: we list nobody, so there is nothing to ask again
          if (visible && isNearbyConnection(connection) && !book.isBlocked(peerId)) schedule.request(peerId, 'probe')
        },
        { maxInboundStreams: 1 },
      )
    },

    detach() {
      schedule.clear()
      found.clear()
      announceIfChanged()
    },

    stop() {
      schedule.clear()
      found.clear()
    },

    async setNearbyVisible(next) {
      if (next === visible) return
      visible = next
      await store.putJson(SETTING, { visible })
      if (!visible) {
        found.clear()
        announceIfChanged()
      }
      for (const peerId of nearbyPeers()) {
        if (visible) schedule.request(peerId, 'probe')
        schedule.request(peerId, 'notify')
      }
    },
    nearbyVisible: () => visible,
    nearby: list,

    async addNearby(peerId, message) {
      const peer = found.get(peerId)
      if (peer === undefined) throw new ApiFailure('NOT_FOUND', 'this peer is no longer nearby')
      const connection = nearbyConnection(peerId)
      return ctx.sendRequest(
        peerId,
        peer.displayName,
        message,
        connection === undefined ? [] : [connection.remoteAddr.toString()],
      )
    },

    ownFingerprint: () => ({
      peerId: book.self,
      fingerprint: shortFingerprint(identity.signingPublic),
    }),

    onNetworkEvent(event) {
      if (event.name === 'peerConnected') {
        if (visible) schedule.request(event.payload.peerId, 'probe')
      } else if (event.name === 'peerDisconnected') {
        schedule.forget(event.payload.peerId)
        if (found.delete(event.payload.peerId)) announceIfChanged()
      } else if (event.name === 'contactsChanged' || event.name === 'contactRequestsChanged') {
        // a request sent, received or answered, a contact added or removed: the cards follow
        announceIfChanged()
      }
    },
  }
}
