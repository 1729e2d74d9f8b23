import type { ReactNode } from 'react'
import type { CreatedInvite } from '../../../src/api/index.js'
import { CopyButton } from '../components/CopyButton.js'
import { QrCode } from '../components/QrCode.js'
import { expiryText } from './contact-labels.js'
import { InviteByEmail } from './InviteByEmail.js'

export interface InviteShareProps {
  readonly invite: CreatedInvite
  readonly singleUse: boolean
  readonly ownName: string
}

/** A new invite, ready to pass on: the link to copy, the QR code to scan, or an email. */
export function InviteShare({ invite, singleUse, ownName }: InviteShareProps): ReactNode {
  return (
    <div className="invite-share">
      <div className="form-field">
        <label htmlFor="invite-link" className="form-field__label">
          Invite link
        </label>
        <textarea
          id="invite-link"
          className="input textarea mono invite-share__link"
          rows={3}
          readOnly
          value={invite.link}
          aria-describedby="invite-link-hint"
          onFocus={(event) => {
            event.currentTarget.select()
          }}
        />
        <p id="invite-link-hint" className="form-field__hint">
          Expires {expiryText(invite.expiresAt)}. {singleUse ? 'Works once.' : 'Works for anyone until then.'} Whoever
          uses it can ask to become your contact; you still decide.
        </p>
      </div>
      <div className="form__actions">
        <CopyButton text={invite.link} label="Copy invite link">
          Copy link
        </CopyButton>
      </div>
      <figure className="invite-share__qr">
        <QrCode text={invite.link} label="Invite QR code" />
        <figcaption className="muted">Next to each other? Let them scan this with Parley.</figcaption>
      </figure>
      <InviteByEmail link={invite.link} ownName={ownName} />
    </div>
  )
}
