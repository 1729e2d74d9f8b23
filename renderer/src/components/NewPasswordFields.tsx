import type { ReactNode } from 'react'
import { PasswordRules } from './PasswordRules.js'
import { TextField, describedByIds } from './TextField.js'

export interface NewPasswordFieldsProps {
  /** The ids of the two inputs and of the checklist. */
  readonly passwordId: string
  readonly confirmId: string
  readonly rulesId: string
  readonly passwordLabel: string
  readonly confirmLabel: string
  readonly password: string
  readonly confirm: string
  readonly onPasswordChange: (value: string) => void
  readonly onConfirmChange: (value: string) => void
  readonly passwordError: string | undefined
  readonly confirmError: string | undefined
  /** The password may not equal it: the checklist says so. */
  readonly username: string
  readonly readOnly: boolean
  /** Show the checklist only once something is typed (otherwise always). */
  readonly rulesWhenTyping?: boolean
  /** More descriptions of the password field (a warning under the form). */
  readonly passwordDescribedBy?: string
}

/** A new password, typed twice, with the live checklist of rules under both. */
export function NewPasswordFields({
  passwordId,
  confirmId,
  rulesId,
  passwordLabel,
  confirmLabel,
  password,
  confirm,
  onPasswordChange,
  onConfirmChange,
  passwordError,
  confirmError,
  username,
  readOnly,
  rulesWhenTyping = false,
  passwordDescribedBy,
}: NewPasswordFieldsProps): ReactNode {
  const rulesShown = !rulesWhenTyping || password !== '' || confirm !== ''
  const rules = rulesShown ? rulesId : undefined
  const fields = [
    { id: passwordId, label: passwordLabel, value: password, onChange: onPasswordChange, error: passwordError },
    { id: confirmId, label: confirmLabel, value: confirm, onChange: onConfirmChange, error: confirmError },
  ]
  return (
    <>
      {fields.map((field) => (
        <TextField
          key={field.id}
          id={field.id}
          label={field.label}
          type="password"
          autoComplete="new-password"
          value={field.value}
          onValueChange={field.onChange}
          error={field.error}
          describedBy={describedByIds(rules, field.id === passwordId && passwordDescribedBy)}
          readOnly={readOnly}
        />
      ))}
      {rulesShown && <PasswordRules id={rulesId} password={password} confirm={confirm} username={username} />}
    </>
  )
}
