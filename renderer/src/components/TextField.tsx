import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react'

/** What every labelled field has around its control. */
interface FieldProps {
  readonly id: string
  /** The visible label, which is also the control's accessible name. */
  readonly label: string
  readonly value: string
  readonly onValueChange: (value: string) => void
  /** What is wrong with the value; marks the control invalid and describes it. */
  readonly error?: string | undefined
  /** A permanent hint under the control. */
  readonly hint?: ReactNode
  /** Ids of more elements that describe the control (a checklist, a warning). */
  readonly describedBy?: string | undefined
  /** Something beside the control (a visibility choice). */
  readonly trailing?: ReactNode
}

type Controlled = 'id' | 'value' | 'onChange' | 'className' | 'aria-invalid' | 'aria-describedby' | 'children'

export interface TextFieldProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, Controlled> {
  readonly inputRef?: Ref<HTMLInputElement>
  /** In the monospace font (addresses, links). */
  readonly mono?: boolean
}

export interface TextAreaFieldProps extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Controlled> {
  readonly mono?: boolean
}

export function describedByIds(...ids: (string | undefined | false)[]): string | undefined {
  const joined = ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ')
  return joined === '' ? undefined : joined
}

/** Split a field's own props from those for the native control. */
function splitField<T extends FieldProps>({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  describedBy,
  trailing,
  ...native
}: T): [FieldProps, Omit<T, keyof FieldProps>] {
  return [{ id, label, value, onValueChange, error, hint, describedBy, trailing }, native]
}

/** What the control takes from its field: id, value, changes, and the ties to its error and hint. */
function controlProps(field: FieldProps): {
  id: string
  value: string
  onChange: (event: { readonly target: { readonly value: string } }) => void
  'aria-invalid': boolean
  'aria-describedby': string | undefined
} {
  const { id, value, onValueChange, error, hint, describedBy } = field
  return {
    id,
    value,
    onChange: (event) => {
      onValueChange(event.target.value)
    },
    'aria-invalid': error !== undefined,
    'aria-describedby': describedByIds(
      error !== undefined && `${id}-error`,
      hint !== undefined && `${id}-hint`,
      describedBy,
    ),
  }
}

/** The label above, the control (and what sits beside it), then the error and the hint. */
function FieldFrame({
  field,
  top,
  children,
}: {
  readonly field: FieldProps
  readonly top: boolean
  readonly children: ReactNode
}): ReactNode {
  const { id, label, error, hint, trailing } = field
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-field__label">
        {label}
      </label>
      <div className={top ? 'form-field__control form-field__control--top' : 'form-field__control'}>
        {children}
        {trailing}
      </div>
      {error !== undefined && (
        <p id={`${id}-error`} className="form-field__error">
          {error}
        </p>
      )}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="form-field__hint">
          {hint}
        </p>
      )}
    </div>
  )
}

/** A labelled input with its hint and error, wired for assistive technology. */
export function TextField({ inputRef, mono = false, type = 'text', ...props }: TextFieldProps): ReactNode {
  const [field, native] = splitField(props)
  return (
    <FieldFrame field={field} top={false}>
      <input
        {...native}
        ref={inputRef}
        type={type}
        className={mono ? 'input mono' : 'input'}
        {...controlProps(field)}
      />
    </FieldFrame>
  )
}

/** The same for text of several lines. */
export function TextAreaField({ mono = false, rows = 4, ...props }: TextAreaFieldProps): ReactNode {
  const [field, native] = splitField(props)
  return (
    <FieldFrame field={field} top>
      <textarea
        {...native}
        rows={rows}
        className={mono ? 'input textarea mono' : 'input textarea'}
        {...controlProps(field)}
      />
    </FieldFrame>
  )
}
