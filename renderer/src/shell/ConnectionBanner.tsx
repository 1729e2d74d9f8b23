import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useConnectionState } from '../api/client-context.js'

/** Says so when the link to the core is not (yet) up; invisible otherwise. */
export function ConnectionBanner(): ReactNode {
  const { t } = useTranslation()
  const state = useConnectionState()
  const message =
    state === 'connecting'
      ? t('common.connection.connecting')
      : state === 'reconnecting'
        ? t('common.connection.reconnecting')
        : state === 'closed'
          ? t('common.connection.closed')
          : undefined
  return (
    <div className="connection-banner" aria-live="polite" data-state={state}>
      {message}
    </div>
  )
}
