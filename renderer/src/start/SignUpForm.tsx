import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { USERNAME_MAX, commandSchemas, passwordProblems, type SessionState } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { NewPasswordFields } from '../components/NewPasswordFields.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { i18n } from '../i18n/i18n.js'
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
    ? { password: i18n.t('errors.core.passwordIsUsername') }
    : NO_FIELD_ERRORS
}

/** Create an account: username, password twice, and the warning that nobody can reset it. */
export function SignUpForm({ onSession, onCancel }: SignUpFormProps): ReactNode {
  const { t } = useTranslation()
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
    const message = fieldErrors.showFailure(result.error)
    if (message !== undefined) {
      setFailure(message)
    }
  }

  return (
    <Form formRef={fieldErrors.form} labelledBy="signup-heading" busy={working} onSubmit={() => void create()}>
      <h1 id="signup-heading" className="start__title">
        {t('start.signUp.title')}
      </h1>
      <p className="muted">{t('start.signUp.intro')}</p>
      <TextField
        id="signup-username"
        label={t('start.signUp.username')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={USERNAME_MAX}
        // the first thing to type on this screen
        autoFocus
        value={username}
        onValueChange={edit('username', setUsername)}
        error={errors.username}
        hint={t('start.signUp.usernameHint')}
        readOnly={working}
      />
      <NewPasswordFields
        passwordId="signup-password"
        confirmId="signup-confirm"
        rulesId="signup-rules"
        passwordLabel={t('start.signUp.password')}
        confirmLabel={t('start.signUp.confirm')}
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
        <strong>{t('start.signUp.warningStrong')}</strong> {t('start.signUp.warning')}
      </p>
      {failure !== undefined && <Notice tone="error">{t('start.signUp.failed', { error: failure })}</Notice>}
      <FormActions submit={t('start.signUp.submit')} busyText={t('start.signUp.busy')} busy={working}>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel} disabled={working}>
            {t('start.signUp.back')}
          </button>
        )}
      </FormActions>
      {working && (
        <p role="status" className="muted">
          {t('start.signUp.working')}
        </p>
      )}
    </Form>
  )
}
