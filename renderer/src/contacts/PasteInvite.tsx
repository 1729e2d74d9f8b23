import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { inviteLinkSchema, type ContactRequest, type InvitePreview } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { FileField } from '../components/FileField.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { TextAreaField } from '../components/TextField.js'
import { coreText } from '../lib/core-text.js'
import { readQrImage } from '../lib/read-qr-image.js'
import { useContactBook } from './contact-book.js'
import { profileName } from './contact-labels.js'
import { inviteError } from './invite-errors.js'
import { InvitePreviewCard } from './InvitePreviewCard.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly what: string }
  | { readonly kind: 'previewed'; readonly link: string; readonly preview: InvitePreview }
  | { readonly kind: 'sent'; readonly name: string; readonly peerId: string }
  | { readonly kind: 'failed'; readonly message: string }

/** "Paste an invite": check whose it is first, then send them a contact request. */
export function PasteInvite(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { contacts } = useContactBook()
  const [text, setText] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>(undefined)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'

  const check = async (candidate: string): Promise<void> => {
    const parsed = inviteLinkSchema.safeParse(candidate)
    if (!parsed.success) {
      setFieldError(coreText(parsed.error.issues[0]?.message ?? t('contacts.paste.notInvite')))
      setOutcome({ kind: 'idle' })
      return
    }
    setFieldError(undefined)
    setOutcome({ kind: 'working', what: t('contacts.paste.checking') })
    const result = await client.invoke('previewInvite', { link: parsed.data })
    setOutcome(
      result.ok
        ? { kind: 'previewed', link: parsed.data, preview: result.value }
        : { kind: 'failed', message: inviteError(result.error, 'check') },
    )
  }

  const readImage = async (file: File): Promise<void> => {
    setOutcome({ kind: 'working', what: t('contacts.paste.readingQr') })
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
      peerId: request.peerId,
    })
  }

  return (
    <section className="add-way" aria-labelledby="paste-invite-heading">
      <h3 id="paste-invite-heading" className="add-way__title">
        {t('contacts.paste.title')}
      </h3>
      <p className="muted">{t('contacts.paste.intro')}</p>
      <Form labelledBy="paste-invite-heading" busy={working} onSubmit={() => void check(text)}>
        <TextAreaField
          id="invite-input"
          label={t('contacts.paste.label')}
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
          label={t('contacts.paste.qrImage')}
          accept="image/*"
          disabled={working}
          hint={t('contacts.paste.qrHint')}
          onFile={(file) => void readImage(file)}
        />
        {outcome.kind === 'working' && (
          <p role="status" className="muted">
            {outcome.what}
          </p>
        )}
        {outcome.kind === 'failed' && <Notice tone="error">{outcome.message}</Notice>}
        <FormActions
          submit={t('contacts.paste.submit')}
          busyText={t('contacts.paste.busy')}
          busy={working}
          tone="plain"
        />
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
          {/* the contact list follows the core's events: once they accept, the request is no longer waiting */}
          {contacts?.some((contact) => contact.peerId === outcome.peerId) === true
            ? t('contacts.paste.accepted', { name: outcome.name })
            : t('contacts.paste.sent', { name: outcome.name })}
        </Notice>
      )}
    </section>
  )
}
