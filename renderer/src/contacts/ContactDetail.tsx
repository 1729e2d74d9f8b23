import { useState, type ReactNode } from 'react'
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
import { KeyChangedAlert } from './KeyChangedAlert.js'
import { RenameForm } from './RenameForm.js'

/** Block or unblock, and remove (after a second, explicit yes). */
function ContactActions({ contact }: { readonly contact: Contact }): ReactNode {
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
        Block or remove
      </h2>
      <p className="muted">
        Blocking refuses everything from {contact.name} until you unblock them. Removing deletes them from this device;
        to talk again, one of you needs a new invite.
      </p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={working}
          onClick={() => void run(contact.blocked ? 'unblockPeer' : 'blockPeer')}
        >
          {contact.blocked ? 'Unblock' : 'Block'}
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
            Remove contact
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="group" aria-labelledby="remove-confirm-text">
          <p id="remove-confirm-text">Remove {contact.name} from your contacts? This cannot be undone.</p>
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger-solid"
              disabled={working}
              onClick={() => void run('removeContact')}
            >
              Yes, remove {contact.name}
            </button>
            <button
              type="button"
              className="button"
              disabled={working}
              onClick={() => {
                setConfirming(false)
              }}
            >
              Cancel
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
  const { contacts } = useContactBook()
  const { navigate } = useRouter()
  const contact = contacts?.find((known) => known.peerId === peerId)
  const back = <BackButton label="Back to contacts" />

  if (contact === undefined) {
    return (
      <Screen title="Contact" before={back}>
        <p className="muted">{contacts === undefined ? 'Loading…' : 'This person is not one of your contacts.'}</p>
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
          <p className="summary presence">
            <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
            {presenceText(contact)}
          </p>
          {!contact.blocked && (
            <button
              type="button"
              className="button button--primary screen__action"
              onClick={() => {
                navigate({ name: 'chats', conversationId: contact.conversationId })
              }}
            >
              Message
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
              Compare now
            </button>
          }
        />
      )}
      <div className="contact-layout">
        <section className="card" aria-labelledby="contact-profile-heading">
          <h2 id="contact-profile-heading" className="card__title">
            What they share
          </h2>
          <PersonCard
            name={contact.profile === null ? contact.name : profileName(contact.profile, peerId)}
            username={contact.profile?.username}
            avatar={contact.profile?.avatar}
            fields={contact.profile?.fields ?? {}}
            empty={contact.profile === null ? 'Their profile has not arrived yet.' : 'Nothing beyond their name.'}
            pictureAlt={`Picture of ${contact.name}`}
            meta={
              <p>
                {contact.verified && <span className="badge badge--verified">verified</span>}{' '}
                {contact.blocked && <span className="badge badge--blocked">blocked</span>}
              </p>
            }
          />
        </section>
        <div className="contact-layout__side">
          <section className="card" aria-labelledby="contact-safety-heading">
            <h2 id="contact-safety-heading" className="card__title">
              Safety number
            </h2>
            <p className="muted">
              {contact.verified
                ? `You have compared it with ${contact.name}.`
                : `Compare it with ${contact.name} to be sure nobody is in the middle.`}
            </p>
            <div className="form__actions">
              <button type="button" className="button" onClick={openSafetyNumber}>
                Verify safety number
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
