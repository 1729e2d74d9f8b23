import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedInvite } from '../../../src/api/index.js'
import { CopyButton } from '../components/CopyButton.js'
import { QrCode } from '../components/QrCode.js'
import { expiryText } from './contact-labels.js'
import { InviteByEmail } from './InviteByEmail.js'
import { OwnFingerprint } from './OwnFingerprint.js'

export interface InviteShareProps {
  readonly invite: CreatedInvite
  readonly singleUse: boolean
  readonly ownName: string
}

/** A new invite, ready to pass on: the link to copy, the QR code to scan, or an email. */
export function InviteShare({ invite, singleUse, ownName }: InviteShareProps): ReactNode {
  const { t } = useTranslation()
  return (
    <div className="invite-share">
      <OwnFingerprint />
      <div className="form-field">
        <label htmlFor="invite-link" className="form-field__label">
          {t('contacts.invite.link')}
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
          {t('contacts.invite.linkHint', {
            when: expiryText(invite.expiresAt),
            uses: singleUse ? t('contacts.invite.worksOnce') : t('contacts.invite.worksUntil'),
          })}
        </p>
      </div>
      <div className="form__actions">
        <CopyButton text={invite.link} label={t('contacts.invite.copyLink')}>
          {t('contacts.invite.copyLinkShort')}
        </CopyButton>
      </div>
      <figure className="invite-share__qr">
        <QrCode text={invite.link} label={t('contacts.invite.qr')} />
        <figcaption className="muted">{t('contacts.invite.qrCaption')}</figcaption>
      </figure>
      <InviteByEmail link={invite.link} ownName={ownName} />
    </div>
  )
}
