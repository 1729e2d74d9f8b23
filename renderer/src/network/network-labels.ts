import type { NetworkMode, PeerSummary } from '../../../src/api/index.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { i18n } from '../i18n/i18n.js'

export interface ModeOption {
  readonly mode: NetworkMode
  readonly label: string
  readonly description: string
}

const MODES: readonly NetworkMode[] = ['lan-only', 'internet', 'offline']

/** The modes offered, with their names and descriptions in the language on screen. */
export function modeOptions(): readonly ModeOption[] {
  return MODES.map((mode) => ({
    mode,
    label: i18n.t(`network.mode.${mode}`),
    description: i18n.t(`network.mode.${mode}Text`),
  }))
}

export function modeLabel(mode: NetworkMode): string {
  return i18n.t(`network.mode.${mode}`)
}

// Never the word "connected": a row says it only when the peer is (its state badge).
export function sourceLabel(source: PeerSummary['source']): string {
  return i18n.t(`network.peers.sources.${source}`)
}

/** Connected peers first, then by peer ID, so the list does not jump around. */
export function sortPeers(peers: readonly PeerSummary[]): PeerSummary[] {
  return [...peers].sort((a, b) => {
    if (a.state !== b.state) {
      return a.state === 'connected' ? -1 : 1
    }
    return a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0
  })
}

/** A peer's route in a few words ("on the LAN", "direct", "relayed via 12D3KooW…"); undefined when not connected. */
export function routeLabel(peer: Pick<PeerSummary, 'route' | 'relayPeerId'>): string | undefined {
  switch (peer.route) {
    case null:
      return undefined
    case 'lan':
      return i18n.t('network.peers.routes.lan')
    case 'direct':
      return i18n.t('network.peers.routes.direct')
    case 'relayed':
      return peer.relayPeerId === null
        ? i18n.t('network.peers.routes.relayedUnknown')
        : i18n.t('network.peers.routes.relayed', { relay: shortPeerId(peer.relayPeerId) })
  }
}
