import { useState, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
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
  const { t } = useTranslation()
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
      fieldErrors.show({ password: t('settings.delete.typePassword') })
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
        {t('settings.delete.title')}
      </h2>
      <p id="delete-warning">
        <Trans
          i18nKey="settings.delete.warning"
          values={{ name: account.username }}
          components={{ strong: <strong /> }}
        />
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
          label={t('settings.delete.password')}
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
          label={t('settings.delete.username')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={typedName}
          onValueChange={(value) => {
            setTypedName(value)
            fieldErrors.reset()
          }}
          error={errors.confirmUsername}
          hint={t('settings.delete.usernameHint', { name: account.username })}
          readOnly={working}
        />
        {outcome.kind === 'wrong-password' && <Notice tone="error">{t('settings.delete.wrong')}</Notice>}
        {outcome.kind === 'failed' && (
          <Notice tone="error">{t('settings.delete.failed', { error: outcome.message })}</Notice>
        )}
        <FormActions
          submit={t('settings.delete.submit')}
          busyText={t('settings.delete.busy')}
          busy={working}
          tone="danger"
          disabled={!confirmed}
        />
      </Form>
    </section>
  )
}
