import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NetworkStatus } from '../../../src/api/index.js'
import { describeReachability } from './reachability-labels.js'

export interface ReachabilityCardProps {
  readonly status: Pick<NetworkStatus, 'mode' | 'reachability' | 'relays'>
}

/** Can others reach this device: directly, through a relay, not yet, or only on the LAN. */
export function ReachabilityCard({ status }: ReachabilityCardProps): ReactNode {
  const { t } = useTranslation()
  const view = describeReachability(status)
  const relays = status.mode === 'internet' && status.reachability !== 'public' ? status.relays : []
  return (
    <section className={`card reachability reachability--${view.tone}`} aria-labelledby="reachability-heading">
      <h2 id="reachability-heading" className="card__title">
        {t('network.reach.title')}
      </h2>
      <div aria-live="polite" data-testid="own-reachability">
        <p className="reachability__headline">{view.headline}</p>
        <p className="muted">{view.detail}</p>
      </div>
      {relays.length > 0 && (
        <>
          <h3 className="card__subtitle" id="relays-heading">
            {t('network.reach.relays')}
          </h3>
          <ul className="address-list" aria-labelledby="relays-heading">
            {relays.map((relay) => (
              <li key={relay} className="address-list__item">
                <code className="mono">{relay}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
