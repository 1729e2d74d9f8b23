import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountSummary, ApiError } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { ProgressBar } from '../components/ProgressBar.js'
import { TextField, describedByIds } from '../components/TextField.js'
import { i18n } from '../i18n/i18n.js'
import { describeError } from '../lib/describe-error.js'
import { uploadFile } from '../lib/transfer.js'

export interface ImportBackupProps {
  readonly onImported: (account: AccountSummary) => void
}

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'uploading'; readonly done: number; readonly total: number }
  | { readonly kind: 'checking' }
  | { readonly kind: 'imported'; readonly username: string }
  | { readonly kind: 'failed'; readonly message: string }

function importError(error: ApiError): string {
  if (error.code === 'WRONG_PASSWORD') {
    return i18n.t('start.import.wrongPassword')
  }
  if (error.code === 'CORRUPT') {
    return i18n.t('start.import.corrupt')
  }
  return describeError(error)
}

/** Restore an account from a backup file: upload it in chunks, then let the core decrypt it. */
export function ImportBackup({ onImported }: ImportBackupProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [file, setFile] = useState<File | undefined>(undefined)
  const [password, setPassword] = useState('')
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [missing, setMissing] = useState<{ file?: string; password?: string }>({})
  /** Changing the key empties the file input after an import. */
  const [fileInputKey, setFileInputKey] = useState(0)
  const working = phase.kind === 'uploading' || phase.kind === 'checking'

  const importBackup = async (): Promise<void> => {
    const problems = {
      ...(file === undefined ? { file: t('start.import.chooseFile') } : {}),
      ...(password === '' ? { password: t('start.import.typePassword') } : {}),
    }
    setMissing(problems)
    if (file === undefined || password === '') {
      setPhase({ kind: 'idle' })
      return
    }
    setPhase({ kind: 'uploading', done: 0, total: file.size })
    const uploaded = await uploadFile(client, file, (done, total) => {
      setPhase({ kind: 'uploading', done, total })
    })
    if (!uploaded.ok) {
      setPhase({ kind: 'failed', message: t('start.import.readFailed', { error: describeError(uploaded.error) }) })
      return
    }
    setPhase({ kind: 'checking' })
    const result = await client.invoke('importBackup', { transferId: uploaded.value, password })
    if (!result.ok) {
      void client.invoke('cancelTransfer', { transferId: uploaded.value })
      setPhase({ kind: 'failed', message: importError(result.error) })
      return
    }
    setPhase({ kind: 'imported', username: result.value.username })
    setPassword('')
    setFile(undefined)
    setFileInputKey((key) => key + 1)
    onImported(result.value)
  }

  return (
    <section className="card start__card" aria-labelledby="import-heading">
      <h2 id="import-heading" className="card__title">
        {t('start.import.title')}
      </h2>
      <p className="muted">{t('start.import.intro')}</p>
      <Form labelledBy="import-heading" busy={working} onSubmit={() => void importBackup()}>
        <div className="form-field">
          <label htmlFor="import-file" className="form-field__label">
            {t('start.import.file')}
          </label>
          <input
            key={fileInputKey}
            id="import-file"
            className="file-input"
            type="file"
            accept=".parley-backup,application/octet-stream"
            disabled={working}
            onChange={(event) => {
              setFile(event.target.files?.[0])
              setMissing(({ password: passwordProblem }) =>
                passwordProblem === undefined ? {} : { password: passwordProblem },
              )
            }}
            aria-invalid={missing.file !== undefined}
            aria-describedby={describedByIds(missing.file !== undefined && 'import-file-error')}
          />
          {missing.file !== undefined && (
            <p id="import-file-error" className="form-field__error">
              {missing.file}
            </p>
          )}
        </div>
        <TextField
          id="import-password"
          label={t('start.import.password')}
          type="password"
          autoComplete="off"
          value={password}
          onValueChange={(value) => {
            setPassword(value)
            setMissing(({ file: fileProblem }) => (fileProblem === undefined ? {} : { file: fileProblem }))
          }}
          error={missing.password}
          readOnly={working}
        />
        {phase.kind === 'uploading' && (
          <ProgressBar label={t('start.import.progress')} done={phase.done} total={phase.total} />
        )}
        {phase.kind === 'checking' && (
          <p role="status" className="muted">
            {t('start.import.checking')}
          </p>
        )}
        {phase.kind === 'failed' && <Notice tone="error">{phase.message}</Notice>}
        {phase.kind === 'imported' && (
          <Notice tone="success">{t('start.import.imported', { name: phase.username })}</Notice>
        )}
        <FormActions submit={t('start.import.submit')} busyText={t('start.import.busy')} busy={working} tone="plain" />
      </Form>
    </section>
  )
}
