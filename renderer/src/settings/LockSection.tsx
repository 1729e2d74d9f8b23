import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AutoLockSetting } from './AutoLockSetting.js'

export interface LockSectionProps {
  readonly onLock: () => Promise<void>
}

export function LockSection({ onLock }: LockSectionProps): ReactNode {
  const { t } = useTranslation()
  const [locking, setLocking] = useState(false)
  return (
    <section className="card" aria-labelledby="lock-heading">
      <h2 id="lock-heading" className="card__title">
        {t('settings.lock.title')}
      </h2>
      <p className="muted">{t('settings.lock.intro')}</p>
      <div className="form__actions">
        <button
          type="button"
          className="button"
          disabled={locking}
          onClick={() => {
            setLocking(true)
            void onLock().finally(() => {
              setLocking(false)
            })
          }}
        >
          {t('settings.lock.now')}
        </button>
      </div>
      <AutoLockSetting />
    </section>
  )
}
