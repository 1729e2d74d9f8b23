import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../src/api/index.js'
import { sortContacts } from './contact-book.js'
import { ContactRow } from './ContactRow.js'

export interface ContactListProps {
  readonly contacts: readonly Contact[] | undefined
  readonly onOpen: (peerId: string) => void
}

export function ContactList({ contacts, onOpen }: ContactListProps): ReactNode {
  const { t } = useTranslation()
  const online = contacts?.filter((contact) => contact.online).length ?? 0
  return (
    <section className="card" aria-labelledby="contact-list-heading">
      <div className="card__header">
        <h2 id="contact-list-heading" className="card__title">
          {t('contacts.list.title')}
        </h2>
        {contacts !== undefined && contacts.length > 0 && (
          <span className="card__count">{t('contacts.list.online', { online, total: contacts.length })}</span>
        )}
      </div>
      {contacts === undefined && <p className="muted">{t('contacts.list.loading')}</p>}
      {contacts?.length === 0 && <p className="muted">{t('contacts.list.empty')}</p>}
      <ul className="contact-list" aria-label={t('common.nav.contacts')}>
        {sortContacts(contacts ?? []).map((contact) => (
          <ContactRow key={contact.peerId} contact={contact} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  )
}
