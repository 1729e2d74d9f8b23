import { useState, type ReactNode } from 'react'
import type { AccountSummary, SessionState } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { useFieldErrors } from '../lib/use-field-errors.js'

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
  const fieldErrors = useFieldErrors()
  const { errors } = fieldErrors
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'
  const confirmed = typedName === account.username

  const remove = async (): Promise<void> => {
    if (password === '') {
      fieldErrors.show({ password: 'Type the password of this account' })
      return
    }
    fieldErrors.reset()
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
    } else {
      const message = fieldErrors.showFailure(result.error)
      setOutcome(message === undefined ? { kind: 'idle' } : { kind: 'failed', message })
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
      <Form
        formRef={fieldErrors.form}
        labelledBy="delete-heading"
        busy={working}
        onSubmit={() => {
          if (confirmed) {
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
            fieldErrors.reset()
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
            fieldErrors.reset()
          }}
          error={errors.confirmUsername}
          hint={`Type ${account.username} exactly.`}
          readOnly={working}
        />
        {outcome.kind === 'wrong-password' && (
          <Notice tone="error">Wrong password: the account was not deleted.</Notice>
        )}
        {outcome.kind === 'failed' && <Notice tone="error">Could not delete the account: {outcome.message}</Notice>}
        <FormActions
          submit="Delete account forever"
          busyText="Deleting…"
          busy={working}
          tone="danger"
          disabled={!confirmed}
        />
      </Form>
    </section>
  )
}
