import type { ReactNode } from 'react'

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
  return (
    <div role="alert" className="key-changed">
      <p className="key-changed__title">
        <span aria-hidden="true">⚠ </span>
        {`${name}'s safety number has changed`}
      </p>
      <p className="key-changed__text">
        Their device or their app may be new, or someone may be pretending to be them. Compare the safety number again
        before you trust new messages.{action !== undefined && ' '}
        {action}
      </p>
    </div>
  )
}
