import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p } from 'libp2p'
import { ApiFailure, type ApiEvent, type ContactRequest, type NearbyPeer, hasControl } from '../api/index.js'
import type { Identity } from '../accounts/identity.js'
import type { EventHub } from '../core/events.js'
import { owned } from '../crypto/bytes.js'
import { isLanMultiaddr } from '../network/lan-address.js'
import type { SealedStore } from '../store/sealed-store.js'
import { publicKeyOf, type ContactBook } from './contact-book.js'
import { NEARBY_PROTOCOL, answerNearby, askNearby } from './contact-protocol.js'
import { shortFingerprint } from './safety-number.js'

/**
 * Nearby: people on the same LAN, each asked (when they connect) for the name
 * and agreement key they show, and listed until they disconnect; our own
 * answer to the same question, given only while we are visible (a setting
 * kept under `settings/nearby`) and only to a peer on the LAN; and a contact
 * request to someone on that list.
 */
export interface ContactNearby {
  /** Serves the nearby protocol on a freshly started node. */
  attach(node: Libp2p): Promise<void>
  /** The node stopped: nobody is nearby any more. */
  detach(): void
  setNearbyVisible(visible: boolean): Promise<void>
  nearbyVisible(): boolean
  nearby(): NearbyPeer[]
  addNearby(peerId: string, message: string): Promise<ContactRequest>
  /** Peers connecting are asked who they are; peers disconnecting leave the list. */
  onNetworkEvent(event: ApiEvent): void
}

export interface ContactNearbyContext {
  readonly book: ContactBook
  readonly store: SealedStore
  readonly events: EventHub
  readonly identity: Identity
  /** Whether we are visible, as stored (see `loadNearbyVisible`). */
  readonly visible: boolean
  /** The name shown to nearby people. */
  displayName(): Promise<string>
  /** The running node, if any. */
  node(): Libp2p | undefined
  /** Runs work started by a network event, unless the service stopped. */
  inBackground(work: () => Promise<unknown>): void
  /** Asks a nearby peer to become a contact (see ContactInvites). */
  sendRequest(peerId: string, name: string, message: string, addresses: readonly string[]): Promise<ContactRequest>
}

const MAX_NEARBY = 200
const SETTING = 'settings/nearby'

/** Whether we are visible to nearby people, as stored (not visible by default). */
export async function loadNearbyVisible(store: SealedStore): Promise<boolean> {
  return ((await store.getJson(SETTING)) as { visible?: boolean } | undefined)?.visible === true
}

export function contactNearby(ctx: ContactNearbyContext): ContactNearby {
  const { book, store, events, identity } = ctx
  const nearbyPeers = new Map<string, NearbyPeer>()
  let visible = ctx.visible

  const announceNearby = (): void => {
    events.emit({ name: 'nearbyChanged', payload: { nearby: [...nearbyPeers.values()] } })
  }

  const probeNearby = async (peerId: string): Promise<void> => {
    const current = ctx.node()
    if (current === undefined || book.isBlocked(peerId)) return
    const onLan = current.getConnections(peerIdFromString(peerId)).some((c) => isLanMultiaddr(c.remoteAddr))
    if (!onLan) return
    const info = await askNearby(current, peerIdFromString(peerId))
    if (info?.agreementKey.length !== 32) {
      // announced even when nothing changed: the UI (and tests) learn the probe is done
      nearbyPeers.delete(peerId)
      announceNearby()
      return
    }
    if (nearbyPeers.size >= MAX_NEARBY && !nearbyPeers.has(peerId)) return
    if (hasControl(info.displayName) || info.displayName.trim() === '') return
    nearbyPeers.set(peerId, {
      peerId,
      displayName: info.displayName.slice(0, 64),
      fingerprint: shortFingerprint(publicKeyOf(peerId), info.agreementKey),
      isContact: book.contacts.has(peerId),
    })
    announceNearby()
  }

  return {
    async attach(node) {
      await node.handle(
        NEARBY_PROTOCOL,
        async (stream, connection) => {
          await answerNearby(
            stream,
            // nearby means on this LAN: an internet peer never learns our name this way
            visible && isLanMultiaddr(connection.remoteAddr)
              ? {
                  version: 1,
                  displayName: await ctx.displayName(),
                  agreementKey: owned(identity.agreementPublic),
                }
              : undefined,
          )
        },
        { maxInboundStreams: 2 },
      )
    },

    detach() {
      if (nearbyPeers.size > 0) {
        nearbyPeers.clear()
        announceNearby()
      }
    },

    async setNearbyVisible(next) {
      visible = next
      await store.putJson(SETTING, { visible })
    },
    nearbyVisible: () => visible,
    nearby: () => [...nearbyPeers.values()].map((p) => ({ ...p, isContact: book.contacts.has(p.peerId) })),

    async addNearby(peerId, message) {
      const peer = nearbyPeers.get(peerId)
      if (peer === undefined) throw new ApiFailure('NOT_FOUND', 'this peer is no longer nearby')
      const addresses =
        ctx
          .node()
          ?.getConnections(peerIdFromString(peerId))
          .map((c) => c.remoteAddr.toString()) ?? []
      return ctx.sendRequest(peerId, peer.displayName, message, addresses)
    },

    onNetworkEvent(event) {
      if (event.name === 'peerConnected') {
        const peerId = event.payload.peerId
        ctx.inBackground(() => probeNearby(peerId))
      } else if (event.name === 'peerDisconnected') {
        if (nearbyPeers.delete(event.payload.peerId)) announceNearby()
      }
    },
  }
}
