import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { commandSchemas, passwordProblems } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { NewPasswordFields } from '../components/NewPasswordFields.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { fieldErrorsOf, type FieldErrors } from '../lib/field-errors.js'
import { useFieldErrors } from '../lib/use-field-errors.js'

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
  const { t } = useTranslation()
  const client = useClient()
  const fieldErrors = useFieldErrors()
  const { errors, show: showErrors } = fieldErrors
  const [oldPassword, setOldPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'

  const edit =
    (field: string, set: (value: string) => void) =>
    (value: string): void => {
      set(value)
      if (outcome.kind !== 'working' && outcome.kind !== 'idle') {
        setOutcome({ kind: 'idle' })
      }
      fieldErrors.clear(field)
    }

  const change = async (): Promise<void> => {
    const parsed = commandSchemas.changePassword.safeParse({ oldPassword, newPassword, confirmPassword: confirm })
    const found: FieldErrors = {
      ...(passwordProblems(newPassword, confirm, username).includes('different from the username')
        ? { newPassword: t('errors.core.passwordIsUsername') }
        : {}),
      ...(parsed.success ? {} : fieldErrorsOf(parsed.error.issues)),
    }
    if (!parsed.success || Object.keys(found).length > 0) {
      setOutcome({ kind: 'idle' })
      showErrors(found)
      return
    }
    fieldErrors.reset()
    setOutcome({ kind: 'working' })
    const result = await client.invoke('changePassword', parsed.data)
    if (result.ok) {
      setOldPassword('')
      setNewPassword('')
      setConfirm('')
      setOutcome({ kind: 'changed' })
    } else if (result.error.code === 'WRONG_PASSWORD') {
      setOutcome({ kind: 'wrong-password' })
      showErrors({ oldPassword: t('settings.password.notCurrent') })
    } else {
      const message = fieldErrors.showFailure(result.error)
      setOutcome(message === undefined ? { kind: 'idle' } : { kind: 'failed', message })
    }
  }

  return (
    <section className="card" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading" className="card__title">
        {t('settings.password.title')}
      </h2>
      <Form
        formRef={fieldErrors.form}
        labelledBy="change-password-heading"
        busy={working}
        onSubmit={() => void change()}
      >
        <TextField
          id="password-current"
          label={t('settings.password.current')}
          type="password"
          autoComplete="current-password"
          value={oldPassword}
          onValueChange={edit('oldPassword', setOldPassword)}
          error={errors.oldPassword}
          readOnly={working}
        />
        <NewPasswordFields
          passwordId="password-new"
          confirmId="password-repeat"
          rulesId="password-rules"
          passwordLabel={t('settings.password.new')}
          confirmLabel={t('settings.password.repeat')}
          password={newPassword}
          confirm={confirm}
          onPasswordChange={edit('newPassword', setNewPassword)}
          onConfirmChange={edit('confirmPassword', setConfirm)}
          passwordError={errors.newPassword}
          confirmError={errors.confirmPassword}
          username={username}
          readOnly={working}
          rulesWhenTyping
        />
        {outcome.kind === 'wrong-password' && <Notice tone="error">{t('settings.password.wrong')}</Notice>}
        {outcome.kind === 'failed' && (
          <Notice tone="error">{t('settings.password.failed', { error: outcome.message })}</Notice>
        )}
        {outcome.kind === 'changed' && <Notice tone="success">{t('settings.password.changed')}</Notice>}
        <FormActions submit={t('settings.password.submit')} busyText={t('settings.password.busy')} busy={working} />
      </Form>
    </section>
  )
}
