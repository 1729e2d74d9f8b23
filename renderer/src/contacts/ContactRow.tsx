import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../src/api/index.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { presenceText } from './contact-labels.js'
import { ContactReachText } from './ContactReachText.js'
import { KeyChangedAlert } from './KeyChangedAlert.js'

export interface ContactRowProps {
  readonly contact: Contact
  readonly onOpen: (peerId: string) => void
}

/** One contact: picture, name, online or last seen, how it is reached, badges; opens the contact's page. */
export function ContactRow({ contact, onOpen }: ContactRowProps): ReactNode {
  const { t } = useTranslation()
  const presence = contact.online ? 'online' : 'offline'
  return (
    <li className={`contact-row contact-row--${presence}`} data-peer-id={contact.peerId}>
      <button
        type="button"
        className="contact-row__open"
        onClick={() => {
          onOpen(contact.peerId)
        }}
      >
        <PersonPicture name={contact.name} avatar={contact.profile?.avatar} />
        <span className="contact-row__text">
          <span className="contact-row__name">{contact.name}</span>{' '}
          <span className="presence">
            <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
            {presenceText(contact)}
          </span>{' '}
          <ContactReachText contact={contact} />
        </span>{' '}
        <span className="contact-row__badges">
          {contact.verified && <span className="badge badge--verified">{t('contacts.verified')}</span>}{' '}
          {contact.blocked && <span className="badge badge--blocked">{t('contacts.blocked')}</span>}
        </span>
      </button>
      {contact.keyChanged && <KeyChangedAlert name={contact.name} />}
    </li>
  )
}
