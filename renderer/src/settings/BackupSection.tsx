import { useState, type ReactNode } from 'react'
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
        Backup
      </h2>
      <p className="muted" id="backup-note">
        One file with this account: its keys, profile and settings. It is encrypted with this account&apos;s password,
        so type it here; to restore, choose “Import a backup” on Parley&apos;s start screen and type the same password.
        Keep the file somewhere safe.
      </p>
      <Form labelledBy="backup-heading" busy={working} onSubmit={() => void exportBackup()}>
        <TextField
          id="backup-password"
          label="Password for the backup"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={(value) => {
            setPassword(value)
            if (outcome.kind === 'missing' || outcome.kind === 'wrong-password') {
              setOutcome({ kind: 'idle' })
            }
          }}
          error={outcome.kind === 'missing' ? 'Type this account’s password' : undefined}
          describedBy="backup-note"
          readOnly={working}
        />
        {outcome.kind === 'sealing' && (
          <p role="status" className="muted">
            Encrypting the backup…
          </p>
        )}
        {outcome.kind === 'downloading' && (
          <ProgressBar label="Backup progress" done={outcome.done} total={outcome.total} />
        )}
        {outcome.kind === 'wrong-password' && (
          <Notice tone="error">Wrong password: type the password of this account.</Notice>
        )}
        {outcome.kind === 'failed' && <Notice tone="error">Could not export the backup: {outcome.message}</Notice>}
        {outcome.kind === 'saved' && (
          <Notice tone="success">
            Backup saved as <span className="mono">{outcome.fileName}</span>.
          </Notice>
        )}
        <FormActions submit="Export backup" busyText="Exporting…" busy={working} />
      </Form>
    </section>
  )
}
