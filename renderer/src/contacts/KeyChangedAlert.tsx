import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface KeyChangedAlertProps {
  readonly name: string
  /** After the advice: a way to act on it (a button). */
  readonly action?: ReactNode
}

/**
 * The loud warning that a contact's keys are not the ones first seen (or
 * verified): someone may be in the middle. It stays until they are verified again.
 */
export function KeyChangedAlert({ name, action }: KeyChangedAlertProps): ReactNode {
  const { t } = useTranslation()
  return (
    <div role="alert" className="key-changed">
      <p className="key-changed__title">
        <span aria-hidden="true">⚠ </span>
        {t('contacts.keyChanged.title', { name })}
      </p>
      <p className="key-changed__text">
        {t('contacts.keyChanged.text')}
        {action !== undefined && ' '}
        {action}
      </p>
    </div>
  )
}
