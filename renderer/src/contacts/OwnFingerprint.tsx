import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../api/client-context.js'

/**
 * Your own short fingerprint, where someone may ask you for it: an invite's
 * preview and a Nearby entry tell them to compare it with what you see here.
 */
export function OwnFingerprint(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [fingerprint, setFingerprint] = useState<string | undefined>(undefined)
  useEffect(() => {
    let current = true
    void client.invoke('getOwnFingerprint', {}).then((result) => {
      if (current && result.ok) setFingerprint(result.value.fingerprint)
    })
    return () => {
      current = false
    }
  }, [client])
  if (fingerprint === undefined) return null
  return (
    <p className="own-fingerprint">
      <span className="own-fingerprint__label">{t('contacts.own.fingerprint')}</span>{' '}
      <span className="mono" data-testid="own-fingerprint">
        {fingerprint}
      </span>
      <span className="own-fingerprint__hint muted"> — {t('contacts.own.hint')}</span>
    </p>
  )
}
