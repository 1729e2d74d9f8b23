import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NetworkStatus } from '../../../src/api/index.js'
import { modeLabel } from './network-labels.js'

export interface NetworkSummaryProps {
  readonly status: NetworkStatus
}

/** One line under the heading: is the node up, in which mode, with how many peers. */
export function NetworkSummary({ status }: NetworkSummaryProps): ReactNode {
  const { t } = useTranslation()
  const connected = status.peers.filter((peer) => peer.state === 'connected').length
  const health = status.running ? 'online' : 'stopped'
  return (
    <p className="summary">
      <span className={`summary__state summary__state--${health}`}>
        {status.running ? t('network.running') : t('network.stopped')}
      </span>
      <span aria-hidden="true"> · </span>
      <span>{modeLabel(status.mode)}</span>
      <span aria-hidden="true"> · </span>
      <span>{t('network.peersOnline', { count: connected })}</span>
    </p>
  )
}
