import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedInvite } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'
import { DEFAULT_INVITE_HOURS, INVITE_EXPIRY_OPTIONS } from './contact-labels.js'
import { InviteShare } from './InviteShare.js'
import { useOwnName } from './use-own-name.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'created'; readonly invite: CreatedInvite; readonly singleUse: boolean }
  | { readonly kind: 'failed'; readonly message: string }

/** "Invite someone": a signed invite that expires, to pass on as a link, a QR code or an email. */
export function CreateInvite(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const ownName = useOwnName()
  const [hours, setHours] = useState(DEFAULT_INVITE_HOURS)
  const [singleUse, setSingleUse] = useState(true)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'

  const create = async (): Promise<void> => {
    setOutcome({ kind: 'working' })
    const result = await client.invoke('createInvite', { expiresInHours: hours, singleUse })
    setOutcome(
      result.ok
        ? { kind: 'created', invite: result.value, singleUse }
        : { kind: 'failed', message: describeError(result.error) },
    )
  }

  return (
    <section className="add-way" aria-labelledby="invite-heading">
      <h3 id="invite-heading" className="add-way__title">
        {t('contacts.invite.title')}
      </h3>
      <p className="muted">{t('contacts.invite.intro')}</p>
      <Form labelledBy="invite-heading" busy={working} onSubmit={() => void create()}>
        <div className="invite-options">
          <div className="form-field">
            <label htmlFor="invite-expiry" className="form-field__label">
              {t('contacts.invite.expiresIn')}
            </label>
            <select
              id="invite-expiry"
              className="select"
              value={hours}
              disabled={working}
              onChange={(event) => {
                setHours(Number(event.target.value))
              }}
            >
              {INVITE_EXPIRY_OPTIONS.map((option) => (
                <option key={option.hours} value={option.hours}>
                  {t(option.label)}
                </option>
              ))}
            </select>
          </div>
          <div className="check">
            <input
              id="invite-single-use"
              type="checkbox"
              checked={singleUse}
              disabled={working}
              aria-describedby="invite-single-use-hint"
              onChange={(event) => {
                setSingleUse(event.target.checked)
              }}
            />
            <label htmlFor="invite-single-use" className="check__label">
              {t('contacts.invite.singleUse')}
            </label>
            <p id="invite-single-use-hint" className="check__hint">
              {t('contacts.invite.singleUseHint')}
            </p>
          </div>
        </div>
        {outcome.kind === 'failed' && (
          <Notice tone="error">{t('contacts.invite.createFailed', { error: outcome.message })}</Notice>
        )}
        <FormActions submit={t('contacts.invite.create')} busyText={t('contacts.invite.creating')} busy={working} />
      </Form>
      {outcome.kind === 'created' && (
        <InviteShare
          key={outcome.invite.inviteId}
          invite={outcome.invite}
          singleUse={outcome.singleUse}
          ownName={ownName}
        />
      )}
    </section>
  )
}
