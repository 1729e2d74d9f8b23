import { useState, type ReactNode } from 'react'
import { USERNAME_MAX, commandSchemas, passwordProblems, type SessionState } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { NewPasswordFields } from '../components/NewPasswordFields.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'
import { NO_FIELD_ERRORS, fieldErrorsOf, hasFieldErrors, type FieldErrors } from '../lib/field-errors.js'
import { useFieldErrors } from '../lib/use-field-errors.js'

export interface SignUpFormProps {
  readonly onSession: (state: SessionState) => void
  /** Back to the account list; absent when this device has no account yet. */
  readonly onCancel?: (() => void) | undefined
}

/** What the contract's schema does not check but the checklist shows. */
function extraProblems(username: string, password: string, confirm: string): FieldErrors {
  return passwordProblems(password, confirm, username).includes('different from the username')
    ? { password: 'The password must be different from the username' }
    : NO_FIELD_ERRORS
}

/** Create an account: username, password twice, and the warning that nobody can reset it. */
export function SignUpForm({ onSession, onCancel }: SignUpFormProps): ReactNode {
  const client = useClient()
  const fieldErrors = useFieldErrors()
  const { errors, show: showErrors } = fieldErrors
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const [working, setWorking] = useState(false)

  const edit =
    (field: string, set: (value: string) => void) =>
    (value: string): void => {
      set(value)
      fieldErrors.clear(field)
    }

  const create = async (): Promise<void> => {
    setFailure(undefined)
    const args = { username, password, confirmPassword: confirm }
    const parsed = commandSchemas.createAccount.safeParse(args)
    const found = {
      ...extraProblems(username, password, confirm),
      ...(parsed.success ? NO_FIELD_ERRORS : fieldErrorsOf(parsed.error.issues)),
    }
    if (!parsed.success || hasFieldErrors(found)) {
      showErrors(found)
      return
    }
    setWorking(true)
    const result = await client.invoke('createAccount', parsed.data)
    if (result.ok) {
      onSession(result.value)
      return
    }
    setWorking(false)
    if (result.error.fields !== undefined) {
      showErrors(result.error.fields)
    } else {
      setFailure(describeError(result.error))
    }
  }

  return (
    <Form formRef={fieldErrors.form} labelledBy="signup-heading" busy={working} onSubmit={() => void create()}>
      <h1 id="signup-heading" className="start__title">
        Create your account
      </h1>
      <p className="muted">
        Your account lives on this device only. Pick a username your contacts will recognise; you can add a display name
        and a picture later.
      </p>
      <TextField
        id="signup-username"
        label="Username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={USERNAME_MAX}
        // the first thing to type on this screen
        autoFocus
        value={username}
        onValueChange={edit('username', setUsername)}
        error={errors.username}
        hint="Letters, digits, dot, dash and underscore."
        readOnly={working}
      />
      <NewPasswordFields
        passwordId="signup-password"
        confirmId="signup-confirm"
        rulesId="signup-rules"
        passwordLabel="Password"
        confirmLabel="Confirm password"
        password={password}
        confirm={confirm}
        onPasswordChange={edit('password', setPassword)}
        onConfirmChange={edit('confirmPassword', setConfirm)}
        passwordError={errors.password}
        confirmError={errors.confirmPassword}
        username={username}
        readOnly={working}
        passwordDescribedBy="signup-warning"
      />
      <p id="signup-warning" className="notice notice--warning">
        <strong>Keep your password safe.</strong> Parley has no server and no password reset: if you forget it, this
        account, its contacts and its messages cannot be recovered.
      </p>
      {failure !== undefined && <Notice tone="error">Could not create the account: {failure}</Notice>}
      <FormActions submit="Create account" busyText="Creating…" busy={working}>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel} disabled={working}>
            Back to log in
          </button>
        )}
      </FormActions>
      {working && (
        <p role="status" className="muted">
          Creating your account and its keys; this takes a few seconds…
        </p>
      )}
    </Form>
  )
}
