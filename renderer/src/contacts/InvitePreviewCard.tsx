import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { REQUEST_MESSAGE_MAX, type ContactRequest, type InvitePreview } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { InitialBadge } from '../components/InitialBadge.js'
import { Notice } from '../components/Notice.js'
import { TextAreaField } from '../components/TextField.js'
import { expiryText } from './contact-labels.js'
import { inviteError } from './invite-errors.js'

export interface InvitePreviewCardProps {
  readonly link: string
  readonly preview: InvitePreview
  readonly onSent: (request: ContactRequest) => void
}

/** Who the invite is from, checked before anything is sent; then the request, with a message. */
export function InvitePreviewCard({ link, preview, onSent }: InvitePreviewCardProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [message, setMessage] = useState('')
  const [working, setWorking] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const send = async (): Promise<void> => {
    setWorking(true)
    setFailure(undefined)
    const text = message.trim()
    const result = await client.invoke('acceptInvite', text === '' ? { link } : { link, message: text })
    setWorking(false)
    if (result.ok) {
      onSent(result.value)
    } else {
      setFailure(inviteError(result.error, 'send'))
    }
  }

  return (
    <div className="invite-preview" data-testid="invite-preview">
      <div className="invite-preview__head">
        <InitialBadge name={preview.displayName} />
        <h4 className="invite-preview__title">{t('contacts.preview.from', { name: preview.displayName })}</h4>
      </div>
      <dl className="invite-preview__facts">
        <div>
          <dt>{t('contacts.preview.fingerprint')}</dt>
          <dd className="mono">{preview.fingerprint}</dd>
        </div>
        <div>
          <dt>{t('contacts.preview.expires')}</dt>
          <dd>{expiryText(preview.expiresAt)}</dd>
        </div>
      </dl>
      <p className="muted">{t('contacts.preview.askFingerprint', { name: preview.displayName })}</p>
      {preview.alreadyContact ? (
        <p role="status" className="notice notice--warning">
          {t('contacts.preview.alreadyContact', { name: preview.displayName })}
        </p>
      ) : (
        <Form
          label={t('contacts.preview.form', { name: preview.displayName })}
          busy={working}
          onSubmit={() => void send()}
        >
          <TextAreaField
            id="invite-request-message"
            label={t('contacts.preview.message')}
            value={message}
            onValueChange={setMessage}
            maxLength={REQUEST_MESSAGE_MAX}
            rows={2}
            hint={t('contacts.preview.messageHint', { length: message.length, max: REQUEST_MESSAGE_MAX })}
          />
          {failure !== undefined && <Notice tone="error">{failure}</Notice>}
          <FormActions submit={t('contacts.preview.submit')} busyText={t('contacts.preview.busy')} busy={working} />
        </Form>
      )}
    </div>
  )
}
