import { useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountSummary, SessionState } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'

export interface LoginFormProps {
  readonly account: AccountSummary
  readonly onSession: (state: SessionState) => void
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'failed'; readonly message: string }

/** Unlock one account with its password. A wrong password keeps the form, ready to retry. */
export function LoginForm({ account, onSession }: LoginFormProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [password, setPassword] = useState('')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const input = useRef<HTMLInputElement>(null)
  const working = outcome.kind === 'working'

  const logIn = async (): Promise<void> => {
    if (password === '') {
      setOutcome({ kind: 'empty' })
      input.current?.focus()
      return
    }
    setOutcome({ kind: 'working' })
    const result = await client.invoke('unlockAccount', { accountId: account.accountId, password })
    if (result.ok) {
      onSession(result.value)
      return
    }
    setOutcome(
      result.error.code === 'WRONG_PASSWORD'
        ? { kind: 'wrong-password' }
        : { kind: 'failed', message: describeError(result.error) },
    )
    input.current?.focus()
    input.current?.select()
  }

  return (
    <Form labelledBy="login-heading" busy={working} onSubmit={() => void logIn()}>
      <h2 id="login-heading" className="form__heading">
        {t('start.login.heading', { name: account.username })}
      </h2>
      <TextField
        id="login-password"
        label={t('start.login.password')}
        type="password"
        autoComplete="current-password"
        // the person just chose this account: the password is the next thing to type
        autoFocus
        inputRef={input}
        value={password}
        onValueChange={(value) => {
          setPassword(value)
          if (outcome.kind === 'empty') {
            setOutcome({ kind: 'idle' })
          }
        }}
        error={outcome.kind === 'empty' ? t('start.login.empty') : undefined}
        readOnly={working}
      />
      {outcome.kind === 'wrong-password' && <Notice tone="error">{t('start.login.wrong')}</Notice>}
      {outcome.kind === 'failed' && <Notice tone="error">{t('start.login.failed', { error: outcome.message })}</Notice>}
      <FormActions submit={t('start.login.submit')} busyText={t('start.login.busy')} busy={working} />
    </Form>
  )
}
