import type { InputHTMLAttributes, ReactNode, Ref } from 'react'

type NativeProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'className' | 'aria-invalid' | 'aria-describedby' | 'children'
>

export interface TextFieldProps extends NativeProps {
  readonly id: string
  /** The visible label, which is also the input's accessible name. */
  readonly label: string
  readonly value: string
  readonly onValueChange: (value: string) => void
  /** What is wrong with the value; marks the input invalid and describes it. */
  readonly error?: string | undefined
  /** A permanent hint under the input. */
  readonly hint?: ReactNode
  /** Ids of more elements that describe the input (a checklist, a warning). */
  readonly describedBy?: string | undefined
  /** Something beside the input (a visibility choice). */
  readonly trailing?: ReactNode
  readonly inputRef?: Ref<HTMLInputElement>
  readonly mono?: boolean
}

export function describedByIds(...ids: (string | undefined | false)[]): string | undefined {
  const joined = ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ')
  return joined === '' ? undefined : joined
}

/** A labelled input with its hint and error, wired for assistive technology. */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  describedBy,
  trailing,
  inputRef,
  mono = false,
  type = 'text',
  ...native
}: TextFieldProps): ReactNode {
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <div className="form-field__control">
        <input
          {...native}
          ref={inputRef}
          id={id}
          type={type}
          className={mono ? 'input mono' : 'input'}
          value={value}
          onChange={(event) => {
            onValueChange(event.target.value)
          }}
          aria-invalid={error !== undefined}
          aria-describedby={describedByIds(error !== undefined && errorId, hint !== undefined && hintId, describedBy)}
        />
        {trailing}
      </div>
      {error !== undefined && (
        <p id={errorId} className="form-field__error">
          {error}
        </p>
      )}
      {hint !== undefined && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
    </div>
  )
}
