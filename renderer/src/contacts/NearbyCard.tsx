import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NearbyPeer } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { InitialBadge } from '../components/InitialBadge.js'
import { LoadError, Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'
import { useContactBook } from './contact-book.js'
import { OwnFingerprint } from './OwnFingerprint.js'
import { useNearby } from './use-nearby.js'

/**
 * One person nearby: their name and fingerprint, and where the two of you
 * stand (the core says so live: a request sent, one received, already
 * contacts), with the next step.
 */
function NearbyRow({ peer }: { readonly peer: NearbyPeer }): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const book = useContactBook()
  const [working, setWorking] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const run = async (step: () => Promise<string | undefined>): Promise<void> => {
    setWorking(true)
    setFailure(undefined)
    setFailure(await step())
    setWorking(false)
  }
  const add = (): Promise<void> =>
    run(async () => {
      const result = await client.invoke('addNearby', { peerId: peer.peerId })
      return result.ok ? undefined : t('contacts.nearby.sendFailed', { error: describeError(result.error) })
    })
  const accept = (requestId: string): Promise<void> =>
    run(async () => {
      const result = await client.invoke('respondToRequest', { requestId, response: 'accept' })
      if (!result.ok) return t('contacts.nearby.acceptFailed', { error: describeError(result.error) })
      book.acceptContacts(result.value)
      return undefined
    })

  return (
    <li className="nearby-row" data-peer-id={peer.peerId}>
      <InitialBadge name={peer.displayName} />
      <span className="nearby-row__text">
        <span className="contact-row__name">{peer.displayName}</span>{' '}
        <span className="mono mono--small muted">{peer.fingerprint}</span>
      </span>{' '}
      {peer.relation === 'contact' ? (
        <span className="muted">{t('contacts.nearby.alreadyContact')}</span>
      ) : peer.relation === 'requestSent' ? (
        <span role="status" className="badge badge--sent">
          {t('contacts.nearby.requestSent')}
        </span>
      ) : peer.relation === 'requestReceived' && peer.requestId !== null ? (
        <span className="nearby-row__received">
          <span className="muted">{t('contacts.nearby.requestReceived')}</span>{' '}
          <button
            type="button"
            className="button button--small button--primary"
            aria-label={t('contacts.nearby.acceptName', { name: peer.displayName })}
            disabled={working}
            onClick={() => void accept(peer.requestId ?? '')}
          >
            {t('contacts.nearby.accept')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button--small"
          aria-label={t('contacts.nearby.addName', { name: peer.displayName })}
          disabled={working}
          onClick={() => void add()}
        >
          {t('contacts.nearby.add')}
        </button>
      )}
      {failure !== undefined && <Notice tone="error">{failure}</Notice>}
    </li>
  )
}

/** People on the same LAN who chose to be visible; and whether we are. */
export function NearbyCard(): ReactNode {
  const { t } = useTranslation()
  const { visible, nearby, error, reload, setVisible } = useNearby()
  /** The choice being switched to: shown at once, while the core takes it. */
  const [switchingTo, setSwitchingTo] = useState<boolean | undefined>(undefined)
  const [switchError, setSwitchError] = useState<string | undefined>(undefined)

  const toggle = async (next: boolean): Promise<void> => {
    setSwitchingTo(next)
    setSwitchError(await setVisible(next))
    setSwitchingTo(undefined)
  }

  return (
    <section className="card nearby" aria-labelledby="nearby-heading">
      <h2 id="nearby-heading" className="card__title">
        {t('contacts.nearby.title')}
      </h2>
      <div className="check">
        <input
          id="nearby-visible"
          type="checkbox"
          role="switch"
          checked={switchingTo ?? visible ?? false}
          disabled={visible === undefined || switchingTo !== undefined}
          aria-describedby="nearby-visible-hint"
          onChange={(event) => void toggle(event.target.checked)}
        />
        <label htmlFor="nearby-visible" className="check__label">
          {t('contacts.nearby.visible')}
        </label>
        <p id="nearby-visible-hint" className="check__hint">
          {t('contacts.nearby.visibleHint')}
        </p>
      </div>
      {switchError !== undefined && (
        <Notice tone="error">{t('contacts.nearby.switchFailed', { error: switchError })}</Notice>
      )}
      {error !== undefined && <LoadError what={t('contacts.nearby.nearbyWhat')} error={error} onRetry={reload} />}
      {visible === true && <OwnFingerprint />}
      {nearby?.length === 0 && (
        <p className="muted">{visible === true ? t('contacts.nearby.nobody') : t('contacts.nearby.notVisible')}</p>
      )}
      <ul className="nearby-list" aria-label={t('contacts.nearby.label')}>
        {(nearby ?? []).map((peer) => (
          <NearbyRow key={peer.peerId} peer={peer} />
        ))}
      </ul>
    </section>
  )
}
