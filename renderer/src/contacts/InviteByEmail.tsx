import { useState, type ReactNode } from 'react'
import { buildInviteMailto } from '../../../src/api/index.js'
import { TextAreaField, TextField } from '../components/TextField.js'

export interface InviteByEmailProps {
  readonly link: string
  /** Your display name: the "Your name" field starts with it. */
  readonly ownName: string
}

const DEFAULT_MESSAGE = 'Hi! Let’s keep in touch on Parley.'

/** The invite inside an email the person still edits and sends from their own mail app. */
export function InviteByEmail({ link, ownName }: InviteByEmailProps): ReactNode {
  /** Undefined until edited: follows the display name, which may arrive a moment later. */
  const [yourName, setYourName] = useState<string | undefined>(undefined)
  const [to, setTo] = useState('')
  const [message, setMessage] = useState(DEFAULT_MESSAGE)
  const name = yourName ?? ownName
  const href = buildInviteMailto({ yourName: name, to, message, link })

  return (
    <section className="invite-email" aria-labelledby="invite-email-heading">
      <h4 id="invite-email-heading" className="invite-email__title">
        Send by email
      </h4>
      <TextField
        id="invite-your-name"
        label="Your name"
        autoComplete="name"
        value={name}
        onValueChange={setYourName}
        hint="How the email introduces you."
      />
      <TextField
        id="invite-email-to"
        label="Email to"
        type="email"
        autoComplete="email"
        placeholder="friend@example.org"
        value={to}
        onValueChange={setTo}
        hint="Several addresses: separate them with commas."
      />
      <TextAreaField id="invite-message" label="Message" value={message} onValueChange={setMessage} rows={3} />
      <p className="invite-email__actions">
        <a className="button" href={href} data-testid="invite-mailto" aria-describedby="invite-email-note">
          Open in mail app
        </a>
      </p>
      <p id="invite-email-note" className="form-field__hint">
        Parley sends nothing itself: your mail app opens with this message and the invite link, to check and send from
        there.
      </p>
    </section>
  )
}
