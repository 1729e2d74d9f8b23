import { useState, type ReactNode } from 'react'
import type { AccountSummary, SessionState } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'
import { NO_FIELD_ERRORS, type FieldErrors } from '../lib/field-errors.js'

export interface DeleteAccountSectionProps {
  readonly account: AccountSummary
  readonly onDeleted: (state: SessionState) => void
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'failed'; readonly message: string }

/** The danger zone: the password and the username typed again, then the account is gone. */
export function DeleteAccountSection({ account, onDeleted }: DeleteAccountSectionProps): ReactNode {
  const client = useClient()
  const [password, setPassword] = useState('')
  const [typedName, setTypedName] = useState('')
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'
  const confirmed = typedName === account.username

  const remove = async (): Promise<void> => {
    if (password === '') {
      setErrors({ password: 'Type the password of this account' })
      return
    }
    setErrors(NO_FIELD_ERRORS)
    setOutcome({ kind: 'working' })
    const result = await client.invoke('deleteAccount', {
      accountId: account.accountId,
      password,
      confirmUsername: typedName,
    })
    if (result.ok) {
      onDeleted(result.value)
      return
    }
    if (result.error.code === 'WRONG_PASSWORD') {
      setOutcome({ kind: 'wrong-password' })
    } else if (result.error.fields !== undefined) {
      setOutcome({ kind: 'idle' })
      setErrors(result.error.fields)
    } else {
      setOutcome({ kind: 'failed', message: describeError(result.error) })
    }
  }

  return (
    <section className="card card--danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading" className="card__title">
        Delete account
      </h2>
      <p id="delete-warning">
        This removes <strong>{account.username}</strong> from this device: its keys, profile, contacts and messages. It
        cannot be undone. Export a backup first if you may want the account back.
      </p>
      <form
        className="form"
        aria-labelledby="delete-heading"
        aria-busy={working}
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!working && confirmed) {
            void remove()
          }
        }}
      >
        <TextField
          id="delete-password"
          label="Password to delete"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={(value) => {
            setPassword(value)
            setErrors(NO_FIELD_ERRORS)
            if (outcome.kind === 'wrong-password') {
              setOutcome({ kind: 'idle' })
            }
          }}
          error={errors.password}
          describedBy="delete-warning"
          readOnly={working}
        />
        <TextField
          id="delete-username"
          label="Type your username to confirm"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={typedName}
          onValueChange={(value) => {
            setTypedName(value)
            setErrors(NO_FIELD_ERRORS)
          }}
          error={errors.confirmUsername}
          hint={`Type ${account.username} exactly.`}
          readOnly={working}
        />
        {outcome.kind === 'wrong-password' && (
          <p role="alert" className="notice notice--error">
            Wrong password: the account was not deleted.
          </p>
        )}
        {outcome.kind === 'failed' && (
          <p role="alert" className="notice notice--error">
            Could not delete the account: {outcome.message}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--danger-solid" disabled={working || !confirmed}>
            {working ? 'Deleting…' : 'Delete account forever'}
          </button>
        </div>
      </form>
    </section>
  )
}
