import type { ReactNode } from 'react'

const TONES = {
  primary: 'button button--primary',
  plain: 'button',
  danger: 'button button--danger-solid',
} as const

export interface FormActionsProps {
  /** The submit button's text, which is also its accessible name. */
  readonly submit: string
  /** Shown on the button while the form is busy, e.g. "Saving…". */
  readonly busyText: string
  readonly busy: boolean
  readonly tone?: keyof typeof TONES
  /** Disabled for another reason than being busy (a confirmation not typed yet). */
  readonly disabled?: boolean
  /** More buttons or a status after the submit button. */
  readonly children?: ReactNode
  readonly className?: string
}

/** The row under a form: its submit button first, then whatever else. */
export function FormActions({
  submit,
  busyText,
  busy,
  tone = 'primary',
  disabled = false,
  children,
  className = 'form__actions',
}: FormActionsProps): ReactNode {
  return (
    <div className={className}>
      <button type="submit" className={TONES[tone]} disabled={busy || disabled}>
        {busy ? busyText : submit}
      </button>
      {children}
    </div>
  )
}
