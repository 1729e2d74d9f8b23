import type { ReactNode } from 'react'
import type { Contact } from '../../../src/api/index.js'
import { sortContacts } from './contact-book.js'
import { ContactRow } from './ContactRow.js'

export interface ContactListProps {
  readonly contacts: readonly Contact[] | undefined
  readonly onOpen: (peerId: string) => void
}

export function ContactList({ contacts, onOpen }: ContactListProps): ReactNode {
  const online = contacts?.filter((contact) => contact.online).length ?? 0
  return (
    <section className="card" aria-labelledby="contact-list-heading">
      <div className="card__header">
        <h2 id="contact-list-heading" className="card__title">
          Your contacts
        </h2>
        {contacts !== undefined && contacts.length > 0 && (
          <span className="card__count">{`${online} of ${contacts.length} online`}</span>
        )}
      </div>
      {contacts === undefined && <p className="muted">Loading your contacts…</p>}
      {contacts?.length === 0 && (
        <p className="muted">
          No contacts yet. Press “Add a contact” to invite someone or to use their invite; requests you accept land
          here.
        </p>
      )}
      <ul className="contact-list" aria-label="Contacts">
        {sortContacts(contacts ?? []).map((contact) => (
          <ContactRow key={contact.peerId} contact={contact} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  )
}
