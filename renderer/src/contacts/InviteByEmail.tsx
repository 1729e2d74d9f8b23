import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { buildInviteMailto } from '../../../src/api/index.js'
import { TextAreaField, TextField } from '../components/TextField.js'

export interface InviteByEmailProps {
  readonly link: string
  /** Your display name: the "Your name" field starts with it. */
  readonly ownName: string
}

/** The invite inside an email the person still edits and sends from their own mail app. */
export function InviteByEmail({ link, ownName }: InviteByEmailProps): ReactNode {
  const { t } = useTranslation()
  /** Undefined until edited: follows the display name, which may arrive a moment later. */
  const [yourName, setYourName] = useState<string | undefined>(undefined)
  const [to, setTo] = useState('')
  /** Undefined until edited: the default greeting, in the language on screen. */
  const [edited, setMessage] = useState<string | undefined>(undefined)
  const message = edited ?? t('contacts.email.defaultMessage')
  const name = yourName ?? ownName
  const href = buildInviteMailto({ yourName: name, to, message, link })

  return (
    <section className="invite-email" aria-labelledby="invite-email-heading">
      <h4 id="invite-email-heading" className="invite-email__title">
        {t('contacts.email.title')}
      </h4>
      <TextField
        id="invite-your-name"
        label={t('contacts.email.yourName')}
        autoComplete="name"
        value={name}
        onValueChange={setYourName}
        hint={t('contacts.email.yourNameHint')}
      />
      <TextField
        id="invite-email-to"
        label={t('contacts.email.to')}
        type="email"
        autoComplete="email"
        placeholder={t('contacts.email.toPlaceholder')}
        value={to}
        onValueChange={setTo}
        hint={t('contacts.email.toHint')}
      />
      <TextAreaField
        id="invite-message"
        label={t('contacts.email.message')}
        value={message}
        onValueChange={setMessage}
        rows={3}
      />
      <p className="invite-email__actions">
        <a className="button" href={href} data-testid="invite-mailto" aria-describedby="invite-email-note">
          {t('contacts.email.open')}
        </a>
      </p>
      <p id="invite-email-note" className="form-field__hint">
        {t('contacts.email.note')}
      </p>
    </section>
  )
}
