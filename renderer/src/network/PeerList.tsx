import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeerSummary } from '../../../src/api/index.js'
import { sortPeers } from './network-labels.js'
import { PeerRow } from './PeerRow.js'

export interface PeerListProps {
  readonly peers: readonly PeerSummary[]
  readonly error: string | undefined
  readonly onHangUp: (peerId: string) => Promise<void>
}

export function PeerList({ peers, error, onHangUp }: PeerListProps): ReactNode {
  const { t } = useTranslation()
  const connected = peers.filter((peer) => peer.state === 'connected').length
  return (
    <section className="card" aria-labelledby="peers-heading">
      <div className="card__header">
        <h2 id="peers-heading" className="card__title">
          {t('network.peers.title')}
        </h2>
        <span className="card__count">{t('network.peers.count', { connected, count: peers.length })}</span>
      </div>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          {t('network.peers.disconnectFailed', { error })}
        </p>
      )}
      {peers.length === 0 && <p className="muted">{t('network.peers.none')}</p>}
      <ul className="peer-list" aria-label={t('network.peers.label')}>
        {sortPeers(peers).map((peer) => (
          <PeerRow key={peer.peerId} peer={peer} onHangUp={onHangUp} />
        ))}
      </ul>
    </section>
  )
}
