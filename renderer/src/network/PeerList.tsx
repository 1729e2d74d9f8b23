import type { ReactNode } from 'react'
import type { PeerSummary } from '../../../src/api/index.js'
import { sortPeers } from './network-labels.js'
import { PeerRow } from './PeerRow.js'

export interface PeerListProps {
  readonly peers: readonly PeerSummary[]
  readonly error: string | undefined
  readonly onHangUp: (peerId: string) => Promise<void>
}

export function PeerList({ peers, error, onHangUp }: PeerListProps): ReactNode {
  const connected = peers.filter((peer) => peer.state === 'connected').length
  return (
    <section className="card" aria-labelledby="peers-heading">
      <div className="card__header">
        <h2 id="peers-heading" className="card__title">
          Peers
        </h2>
        <span className="card__count">{`${connected} of ${peers.length} connected`}</span>
      </div>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          Could not disconnect: {error}
        </p>
      )}
      {peers.length === 0 && (
        <p className="muted">No peers yet. Peers on your LAN appear here by themselves; others you connect to above.</p>
      )}
      <ul className="peer-list" aria-label="Peers">
        {sortPeers(peers).map((peer) => (
          <PeerRow key={peer.peerId} peer={peer} onHangUp={onHangUp} />
        ))}
      </ul>
    </section>
  )
}
