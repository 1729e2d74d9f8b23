import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandArgs, NetworkMode } from '../../../src/api/index.js'
import { LoadError, Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'
import { BootstrapAddForm } from './BootstrapAddForm.js'
import { BootstrapList } from './BootstrapList.js'
import { useNetworkSettings } from './use-network-settings.js'

export interface BootstrapCardProps {
  /** The mode the node runs in: bootstrap peers matter only in internet mode. */
  readonly mode: NetworkMode
}

/**
 * Where internet mode starts looking for others: the public libp2p bootstrap
 * peers (a switch), and node addresses the person added (a friend's `parley node`).
 */
export function BootstrapCard({ mode }: BootstrapCardProps): ReactNode {
  const { t } = useTranslation()
  const { settings, loadError, refresh, update } = useNetworkSettings()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [announcement, setAnnouncement] = useState('')
  /** The switch shows a change at once; the core's answer (or the old value, if it refuses) follows. */
  const [pendingPublic, setPendingPublic] = useState<boolean | undefined>(undefined)

  const change = async (next: CommandArgs<'setNetworkSettings'>, done: string): Promise<void> => {
    setSaving(true)
    setError(undefined)
    const result = await update(next)
    setSaving(false)
    setPendingPublic(undefined)
    if (result.ok) {
      setAnnouncement(done)
    } else {
      setError(t('network.bootstrap.failed', { error: describeError(result.error) }))
    }
  }

  return (
    <section className="card bootstrap" aria-labelledby="bootstrap-heading">
      <h2 id="bootstrap-heading" className="card__title">
        {t('network.bootstrap.title')}
      </h2>
      <p className="muted">{t('network.bootstrap.intro')}</p>
      {mode !== 'internet' && <p className="muted">{t('network.bootstrap.notInternet')}</p>}
      {loadError !== undefined && (
        <LoadError what={t('network.bootstrap.settingsWhat')} error={loadError} onRetry={refresh} />
      )}
      {settings === undefined ? (
        loadError === undefined && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <div className="check bootstrap__switch">
            <input
              id="bootstrap-public"
              type="checkbox"
              role="switch"
              checked={pendingPublic ?? settings.usePublicBootstrap}
              disabled={saving}
              aria-describedby="bootstrap-public-hint"
              onChange={(event) => {
                const use = event.target.checked
                setPendingPublic(use)
                void change(
                  { usePublicBootstrap: use },
                  use ? t('network.bootstrap.publicOn') : t('network.bootstrap.publicOff'),
                )
              }}
            />
            <label htmlFor="bootstrap-public" className="check__label">
              {t('network.bootstrap.usePublic')}
            </label>
            <p id="bootstrap-public-hint" className="check__hint">
              {t('network.bootstrap.usePublicHint')}
            </p>
          </div>
          {settings.bootstrapOverridden && (
            <p className="notice notice--warning" data-testid="bootstrap-overridden">
              {t('network.bootstrap.overridden')}
            </p>
          )}
          <BootstrapList
            id="bootstrap-public-list"
            title={t('network.bootstrap.publicList')}
            empty={t('network.bootstrap.publicEmpty')}
            addresses={settings.publicBootstrap}
            note={settings.usePublicBootstrap ? undefined : t('network.bootstrap.publicUnused')}
          />
          <BootstrapList
            id="bootstrap-added-list"
            title={t('network.bootstrap.added')}
            empty={t('network.bootstrap.none')}
            addresses={settings.extraBootstrap}
            disabled={saving}
            onRemove={(address) =>
              void change(
                { extraBootstrap: settings.extraBootstrap.filter((known) => known !== address) },
                t('network.bootstrap.removed', { address }),
              )
            }
          />
          <BootstrapAddForm
            list={settings.extraBootstrap}
            disabled={saving}
            onAdd={async (address) => {
              setSaving(true)
              const result = await update({ extraBootstrap: [...settings.extraBootstrap, address] })
              setSaving(false)
              if (result.ok) setAnnouncement(t('network.bootstrap.addedOne', { address }))
              return result
            }}
          />
          {error !== undefined && <Notice tone="error">{error}</Notice>}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  )
}
