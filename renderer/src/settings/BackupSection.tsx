import { useState, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { ProgressBar } from '../components/ProgressBar.js'
import { TextField } from '../components/TextField.js'
import { describeError } from '../lib/describe-error.js'
import { saveBlob } from '../lib/save-file.js'
import { downloadTransfer } from '../lib/transfer.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sealing' }
  | { readonly kind: 'downloading'; readonly done: number; readonly total: number }
  | { readonly kind: 'saved'; readonly fileName: string }
  | { readonly kind: 'wrong-password' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string }

/** Export the whole account as one encrypted file, and say how to bring it back. */
export function BackupSection(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [password, setPassword] = useState('')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'sealing' || outcome.kind === 'downloading'

  const exportBackup = async (): Promise<void> => {
    if (password === '') {
      setOutcome({ kind: 'missing' })
      return
    }
    setOutcome({ kind: 'sealing' })
    const offered = await client.invoke('exportBackup', { password })
    if (!offered.ok) {
      setOutcome(
        offered.error.code === 'WRONG_PASSWORD'
          ? { kind: 'wrong-password' }
          : { kind: 'failed', message: describeError(offered.error) },
      )
      return
    }
    const { transferId, fileName, size } = offered.value
    setOutcome({ kind: 'downloading', done: 0, total: size })
    const file = await downloadTransfer(client, transferId, size, (done, total) => {
      setOutcome({ kind: 'downloading', done, total })
    })
    if (!file.ok) {
      setOutcome({ kind: 'failed', message: describeError(file.error) })
      return
    }
    saveBlob(file.value, fileName)
    setPassword('')
    setOutcome({ kind: 'saved', fileName })
  }

  return (
    <section className="card" aria-labelledby="backup-heading">
      <h2 id="backup-heading" className="card__title">
        {t('settings.backup.title')}
      </h2>
      <p className="muted" id="backup-note">
        {t('settings.backup.note')}
      </p>
      <Form labelledBy="backup-heading" busy={working} onSubmit={() => void exportBackup()}>
        <TextField
          id="backup-password"
          label={t('settings.backup.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={(value) => {
            setPassword(value)
            if (outcome.kind === 'missing' || outcome.kind === 'wrong-password') {
              setOutcome({ kind: 'idle' })
            }
          }}
          error={outcome.kind === 'missing' ? t('settings.backup.missing') : undefined}
          describedBy="backup-note"
          readOnly={working}
        />
        {outcome.kind === 'sealing' && (
          <p role="status" className="muted">
            {t('settings.backup.encrypting')}
          </p>
        )}
        {outcome.kind === 'downloading' && (
          <ProgressBar label={t('settings.backup.progress')} done={outcome.done} total={outcome.total} />
        )}
        {outcome.kind === 'wrong-password' && <Notice tone="error">{t('settings.backup.wrong')}</Notice>}
        {outcome.kind === 'failed' && (
          <Notice tone="error">{t('settings.backup.failed', { error: outcome.message })}</Notice>
        )}
        {outcome.kind === 'saved' && (
          <Notice tone="success">
            <Trans
              i18nKey="settings.backup.saved"
              values={{ name: outcome.fileName }}
              components={{ file: <span className="mono" /> }}
            />
          </Notice>
        )}
        <FormActions submit={t('settings.backup.submit')} busyText={t('settings.backup.busy')} busy={working} />
      </Form>
    </section>
  )
}
