import { useState, type ReactNode } from 'react'
import { inviteLinkSchema, type ContactRequest, type InvitePreview } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { FileField } from '../components/FileField.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextAreaField } from '../components/TextField.js'
import { readQrImage } from '../lib/read-qr-image.js'
import { profileName } from './contact-labels.js'
import { inviteError } from './invite-errors.js'
import { InvitePreviewCard } from './InvitePreviewCard.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly what: string }
  | { readonly kind: 'previewed'; readonly link: string; readonly preview: InvitePreview }
  | { readonly kind: 'sent'; readonly name: string }
  | { readonly kind: 'failed'; readonly message: string }

/** "Paste an invite": check whose it is first, then send them a contact request. */
export function PasteInvite(): ReactNode {
  const client = useClient()
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>(undefined)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'

  const check = async (candidate: string): Promise<void> => {
    const parsed = inviteLinkSchema.safeParse(candidate)
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'This is not an invite')
      setOutcome({ kind: 'idle' })
      return
    }
    setFieldError(undefined)
    setOutcome({ kind: 'working', what: 'Checking the invite…' })
    const result = await client.invoke('previewInvite', { link: parsed.data })
    setOutcome(
      result.ok
        ? { kind: 'previewed', link: parsed.data, preview: result.value }
        : { kind: 'failed', message: inviteError(result.error, 'check the invite') },
    )
  }

  const readImage = async (file: File): Promise<void> => {
    setOutcome({ kind: 'working', what: 'Reading the QR code…' })
    const read = await readQrImage(file)
    if (!read.ok) {
      setOutcome({ kind: 'failed', message: read.message })
      return
    }
    setText(read.text)
    await check(read.text)
  }

  /** Their name as the invite gave it: the request's profile arrives only with their answer. */
  const sent = (request: ContactRequest, invitedBy: string): void => {
    setText('')
    setOutcome({
      kind: 'sent',
      name: request.profile === null ? invitedBy : profileName(request.profile, request.peerId),
    })
  }

  return (
    <section className="add-way" aria-labelledby="paste-invite-heading">
      <h3 id="paste-invite-heading" className="add-way__title">
        Paste an invite
      </h3>
      <p className="muted">Someone sent you an invite? Nothing is sent until you have seen whose it is.</p>
      <Form labelledBy="paste-invite-heading" busy={working} onSubmit={() => void check(text)}>
        <TextAreaField
          id="invite-input"
          label="Invite from someone"
          mono
          rows={3}
          spellCheck={false}
          placeholder="parley://invite/…"
          value={text}
          onValueChange={(value) => {
            setText(value)
            setFieldError(undefined)
            if (outcome.kind !== 'working') {
              setOutcome({ kind: 'idle' })
            }
          }}
          error={fieldError}
          readOnly={working}
        />
        <FileField
          id="invite-qr-image"
          label="Invite QR image"
          accept="image/*"
          disabled={working}
          hint="Or choose a photo or a screenshot of their invite’s QR code."
          onFile={(file) => void readImage(file)}
        />
        {outcome.kind === 'working' && (
          <p role="status" className="muted">
            {outcome.what}
          </p>
        )}
        {outcome.kind === 'failed' && <Notice tone="error">{outcome.message}</Notice>}
        <FormActions submit="Check invite" busyText="Checking…" busy={working} tone="plain" />
      </Form>
      {outcome.kind === 'previewed' && (
        <InvitePreviewCard
          link={outcome.link}
          preview={outcome.preview}
          onSent={(request) => {
            sent(request, outcome.preview.displayName)
          }}
        />
      )}
      {outcome.kind === 'sent' && (
        <Notice tone="success">
          Contact request sent to {outcome.name}. They become a contact once they accept it.
        </Notice>
      )}
    </section>
  )
}
