import type { ReactNode, Ref } from 'react'

export interface FormProps {
  /** The id of the heading that names the form (or `label` where there is none). */
  readonly labelledBy?: string
  readonly label?: string
  /** While true the form is marked busy and submitting it does nothing. */
  readonly busy: boolean
  readonly onSubmit: () => void
  readonly formRef?: Ref<HTMLFormElement>
  readonly className?: string
  readonly children: ReactNode
}

/** A form that validates itself (no browser bubbles) and ignores submits while busy. */
export function Form({
  labelledBy,
  label,
  busy,
  onSubmit,
  formRef,
  className = 'form',
  children,
}: FormProps): ReactNode {
  return (
    <form
      ref={formRef}
      className={className}
      aria-labelledby={labelledBy}
      aria-label={label}
      aria-busy={busy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (!busy) {
          onSubmit()
        }
      }}
    >
      {children}
    </form>
  )
}
