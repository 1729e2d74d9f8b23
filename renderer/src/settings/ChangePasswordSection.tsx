import { useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { commandSchemas, passwordProblems } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { PasswordRules } from '../components/PasswordRules.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'
import { NO_FIELD_ERRORS, fieldErrorsOf, focusFirstInvalid, type FieldErrors } from '../lib/field-errors.js'

export interface ChangePasswordSectionProps {
  readonly username: string
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'changed' }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'failed'; readonly message: string }

/** Old password, new one twice. The data key is re-wrapped; nothing else changes. */
export function ChangePasswordSection({ username }: ChangePasswordSectionProps): ReactNode {
  const client = useClient()
  const form = useRef<HTMLFormElement>(null)
  const [oldPassword, setOldPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'
  const rulesShown = newPassword !== '' || confirm !== ''

  const showErrors = (next: FieldErrors): void => {
    flushSync(() => {
      setErrors(next)
    })
    focusFirstInvalid(form.current)
  }

  const edit =
    (field: string, set: (value: string) => void) =>
    (value: string): void => {
      set(value)
      if (outcome.kind !== 'working' && outcome.kind !== 'idle') {
        setOutcome({ kind: 'idle' })
      }
      if (field in errors) {
        setErrors(Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field)))
      }
    }

  const change = async (): Promise<void> => {
    const parsed = commandSchemas.changePassword.safeParse({ oldPassword, newPassword, confirmPassword: confirm })
    const found: FieldErrors = {
      ...(passwordProblems(newPassword, confirm, username).includes('different from the username')
        ? { newPassword: 'The password must be different from the username' }
        : {}),
      ...(parsed.success ? {} : fieldErrorsOf(parsed.error.issues)),
    }
    if (!parsed.success || Object.keys(found).length > 0) {
      setOutcome({ kind: 'idle' })
      showErrors(found)
      return
    }
    setErrors(NO_FIELD_ERRORS)
    setOutcome({ kind: 'working' })
    const result = await client.invoke('changePassword', parsed.data)
    if (result.ok) {
      setOldPassword('')
      setNewPassword('')
      setConfirm('')
      setOutcome({ kind: 'changed' })
    } else if (result.error.code === 'WRONG_PASSWORD') {
      setOutcome({ kind: 'wrong-password' })
      showErrors({ oldPassword: 'This is not the current password' })
    } else if (result.error.fields !== undefined) {
      setOutcome({ kind: 'idle' })
      showErrors(result.error.fields)
    } else {
      setOutcome({ kind: 'failed', message: describeError(result.error) })
    }
  }

  return (
    <section className="card" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading" className="card__title">
        Change password
      </h2>
      <form
        ref={form}
        className="form"
        aria-labelledby="change-password-heading"
        aria-busy={working}
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!working) {
            void change()
          }
        }}
      >
        <TextField
          id="password-current"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={oldPassword}
          onValueChange={edit('oldPassword', setOldPassword)}
          error={errors.oldPassword}
          readOnly={working}
        />
        <TextField
          id="password-new"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onValueChange={edit('newPassword', setNewPassword)}
          error={errors.newPassword}
          describedBy={rulesShown ? 'password-rules' : undefined}
          readOnly={working}
        />
        <TextField
          id="password-repeat"
          label="Repeat new password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onValueChange={edit('confirmPassword', setConfirm)}
          error={errors.confirmPassword}
          describedBy={rulesShown ? 'password-rules' : undefined}
          readOnly={working}
        />
        {rulesShown && (
          <PasswordRules id="password-rules" password={newPassword} confirm={confirm} username={username} />
        )}
        {outcome.kind === 'wrong-password' && (
          <p role="alert" className="notice notice--error">
            Wrong password: the current password is not right, so nothing was changed.
          </p>
        )}
        {outcome.kind === 'failed' && (
          <p role="alert" className="notice notice--error">
            Could not change the password: {outcome.message}
          </p>
        )}
        {outcome.kind === 'changed' && (
          <p role="status" className="notice notice--success">
            Password changed. Use the new one from now on; older backups still open with the password they were made
            with.
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={working}>
            {working ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  )
}
