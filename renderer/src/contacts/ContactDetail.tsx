import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { Screen } from '../components/Screen.js'
import { describeError } from '../lib/describe-error.js'
import { PersonCard } from '../profile/PersonCard.js'
import { useRouter } from '../router/router-context.js'
import { BackButton } from './BackButton.js'
import { useContactBook } from './contact-book.js'
import { presenceText, profileName } from './contact-labels.js'
import { ContactReachText } from './ContactReachText.js'
import { KeyChangedAlert } from './KeyChangedAlert.js'
import { RenameForm } from './RenameForm.js'

/** Block or unblock, and remove (after a second, explicit yes). */
function ContactActions({ contact }: { readonly contact: Contact }): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { navigate } = useRouter()
  const [confirming, setConfirming] = useState(false)
  const [working, setWorking] = useState(false)
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const run = async (command: 'blockPeer' | 'unblockPeer' | 'removeContact'): Promise<void> => {
    setWorking(true)
    setFailure(undefined)
    const result = await client.invoke(command, { peerId: contact.peerId })
    setWorking(false)
    if (!result.ok) {
      setFailure(describeError(result.error))
    } else if (command === 'removeContact') {
      navigate({ name: 'contacts' })
    }
  }

  return (
    <section className="card card--danger" aria-labelledby="contact-actions-heading">
      <h2 id="contact-actions-heading" className="card__title">
        {t('contacts.detail.blockOrRemove')}
      </h2>
      <p className="muted">{t('contacts.detail.blockIntro', { name: contact.name })}</p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={working}
          onClick={() => void run(contact.blocked ? 'unblockPeer' : 'blockPeer')}
        >
          {contact.blocked ? t('contacts.detail.unblock') : t('contacts.detail.block')}
        </button>
        {!confirming && (
          <button
            type="button"
            className="button button--danger"
            disabled={working}
            onClick={() => {
              setConfirming(true)
            }}
          >
            {t('contacts.detail.remove')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="remove-confirm-text">
          <p id="remove-confirm-text">{t('contacts.detail.confirmRemove', { name: contact.name })}</p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger-solid"
              disabled={working}
              onClick={() => void run('removeContact')}
            >
              {t('contacts.detail.yesRemove', { name: contact.name })}
            </button>
            <button
              type="button"
              className="button"
              disabled={working}
              onClick={() => {
                setConfirming(false)
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {failure !== undefined && <Notice tone="error">{failure}</Notice>}
    </section>
  )
}

/** One contact: what they share, the local name, the safety number, block and remove. */
export function ContactDetail({ peerId }: { readonly peerId: string }): ReactNode {
  const { t } = useTranslation()
  const { contacts } = useContactBook()
  const { navigate } = useRouter()
  const contact = contacts?.find((known) => known.peerId === peerId)
  const back = <BackButton label={t('contacts.back')} />

  if (contact === undefined) {
    return (
      <Screen title={t('contacts.detail.title')} before={back}>
        <p className="muted">{contacts === undefined ? t('common.loading') : t('contacts.detail.notContact')}</p>
      </Screen>
    )
  }

  const openSafetyNumber = (): void => {
    navigate({ name: 'contacts', view: { kind: 'safety-number', peerId } })
  }
  const presence = contact.online ? 'online' : 'offline'
  return (
    <Screen
      title={contact.name}
      before={back}
      aside={
        <>
          <p className="summary presence" aria-live="polite">
            <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
            {presenceText(contact)}
            <span aria-hidden="true">·</span>
            <ContactReachText contact={contact} />
          </p>
          {!contact.blocked && (
            <button
              type="button"
              className="button button--primary screen__action"
              onClick={() => {
                navigate({ name: 'chats', conversationId: contact.conversationId })
              }}
            >
              {t('contacts.detail.message')}
            </button>
          )}
        </>
      }
    >
      {contact.keyChanged && (
        <KeyChangedAlert
          name={contact.name}
          action={
            <button type="button" className="button button--small" onClick={openSafetyNumber}>
              {t('contacts.detail.compareNow')}
            </button>
          }
        />
      )}
      <div className="contact-layout">
        <section className="card" aria-labelledby="contact-profile-heading">
          <h2 id="contact-profile-heading" className="card__title">
            {t('contacts.detail.shares')}
          </h2>
          <PersonCard
            name={contact.profile === null ? contact.name : profileName(contact.profile, peerId)}
            username={contact.profile?.username}
            avatar={contact.profile?.avatar}
            fields={contact.profile?.fields ?? {}}
            empty={contact.profile === null ? t('contacts.detail.noProfile') : t('contacts.detail.nothingElse')}
            pictureAlt={t('contacts.detail.picture', { name: contact.name })}
            meta={
              <p>
                {contact.verified && <span className="badge badge--verified">{t('contacts.verified')}</span>}{' '}
                {contact.blocked && <span className="badge badge--blocked">{t('contacts.blocked')}</span>}
              </p>
            }
          />
        </section>
        <div className="contact-layout__side">
          <section className="card" aria-labelledby="contact-safety-heading">
            <h2 id="contact-safety-heading" className="card__title">
              {t('contacts.detail.safetyNumber')}
            </h2>
            <p className="muted">
              {contact.verified
                ? t('contacts.detail.compared', { name: contact.name })
                : t('contacts.detail.compare', { name: contact.name })}
            </p>
            <div className="form__actions">
              <button type="button" className="button" onClick={openSafetyNumber}>
                {t('contacts.detail.verify')}
              </button>
            </div>
          </section>
          <RenameForm contact={contact} />
          <ContactActions contact={contact} />
        </div>
      </div>
    </Screen>
  )
}
