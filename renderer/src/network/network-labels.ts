import type { NetworkMode, PeerSummary } from '../../../src/api/index.js'

export interface ModeOption {
  readonly mode: NetworkMode
  readonly label: string
  readonly description: string
}

export const MODE_OPTIONS: readonly ModeOption[] = [
  {
    mode: 'lan-only',
    label: 'LAN only',
    description: 'Local network only: peers found by mDNS on private addresses. Nothing leaves the LAN.',
  },
  {
    mode: 'internet',
    label: 'Internet',
    description: 'Also reach peers anywhere through the DHT, relays and hole punching.',
  },
  {
    mode: 'offline',
    label: 'Offline',
    description: 'No network at all: nothing is sent or received.',
  },
]

export function modeLabel(mode: NetworkMode): string {
  return MODE_OPTIONS.find((option) => option.mode === mode)?.label ?? mode
}

// Never the word "connected": a row says it only when the peer is (its state badge).
const SOURCE_LABELS: Readonly<Record<PeerSummary['source'], string>> = {
  mdns: 'found on the LAN (mDNS)',
  dht: 'found through the DHT',
  dial: 'you dialled them',
  inbound: 'they dialled you',
  other: 'known from elsewhere',
}

export function sourceLabel(source: PeerSummary['source']): string {
  return SOURCE_LABELS[source]
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
