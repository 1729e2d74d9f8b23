import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadError } from '../components/Notice.js'
import { Screen } from '../components/Screen.js'
import { useRouter, type ContactsView } from '../router/router-context.js'
import { AddContactPanel } from './AddContactPanel.js'
import { useContactBook } from './contact-book.js'
import { ContactDetail } from './ContactDetail.js'
import { ContactList } from './ContactList.js'
import { NearbyCard } from './NearbyCard.js'
import { RequestList } from './RequestList.js'
import { SafetyNumberScreen } from './SafetyNumberScreen.js'

/** The list: requests waiting, the contacts, people nearby, and the way to add someone. */
function ContactsHome(): ReactNode {
  const { t } = useTranslation()
  const { contacts, requests, error, reload } = useContactBook()
  const { navigate } = useRouter()
  const [adding, setAdding] = useState(false)

  return (
    <Screen
      title={t('common.nav.contacts')}
      aside={
        <button
          type="button"
          className="button button--primary screen__action"
          aria-expanded={adding}
          aria-controls={adding ? 'add-contact' : undefined}
          onClick={() => {
            setAdding((open) => !open)
          }}
        >
          {t('contacts.add')}
        </button>
      }
    >
      {error !== undefined && <LoadError what={t('contacts.contactsWhat')} error={error} onRetry={reload} />}
      {adding && (
        <AddContactPanel
          id="add-contact"
          onClose={() => {
            setAdding(false)
          }}
        />
      )}
      <div className="contacts-layout">
        <div className="contacts-layout__main">
          {requests !== undefined && requests.length > 0 && <RequestList requests={requests} />}
          <ContactList
            contacts={contacts}
            onOpen={(peerId) => {
              navigate({ name: 'contacts', view: { kind: 'contact', peerId } })
            }}
          />
        </div>
        <NearbyCard />
      </div>
    </Screen>
  )
}

export function ContactsScreen({ view }: { readonly view: ContactsView | undefined }): ReactNode {
  if (view === undefined) {
    return <ContactsHome />
  }
  switch (view.kind) {
    case 'contact':
      return <ContactDetail peerId={view.peerId} />
    case 'safety-number':
      return <SafetyNumberScreen peerId={view.peerId} />
  }
}
