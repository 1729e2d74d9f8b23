import { useMemo, useRef, useState, type ReactNode } from 'react'
import type { Contact, ContactRequest } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'
import { ContactBookContext, type ContactBook } from './contact-book.js'

/**
 * Fetches the contacts and the requests when the link to the core opens, then
 * takes the lists `contactsChanged` and `contactRequestsChanged` push. A fetch
 * that started before an event is not allowed to overwrite what the event said.
 */
export function ContactBookProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const client = useClient()
  const [contacts, setContacts] = useState<readonly Contact[] | undefined>(undefined)
  const [requests, setRequests] = useState<readonly ContactRequest[] | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  /** Bumped by every pushed list: a fetch answered after one is stale. */
  const generation = useRef({ contacts: 0, requests: 0 })

  const reload = useRefreshWhenOpen(async () => {
    const seen = { ...generation.current }
    const [listed, asked] = await Promise.all([
      client.invoke('listContacts', {}),
      client.invoke('listContactRequests', {}),
    ])
    if (listed.ok && seen.contacts === generation.current.contacts) {
      setContacts(listed.value)
    }
    if (asked.ok && seen.requests === generation.current.requests) {
      setRequests(asked.value)
    }
    const failed = !listed.ok ? listed.error : !asked.ok ? asked.error : undefined
    setError(failed === undefined ? undefined : describeError(failed))
  })

  useApiEvents((event) => {
    if (event.name === 'contactsChanged') {
      generation.current.contacts += 1
      setContacts(event.payload.contacts)
    } else if (event.name === 'contactRequestsChanged') {
      generation.current.requests += 1
      setRequests(event.payload.requests)
    }
  })

  const book = useMemo<ContactBook>(
    () => ({
      contacts,
      requests,
      incomingCount: requests?.filter((request) => request.direction === 'incoming').length ?? 0,
      error,
      reload,
      acceptContacts: (next) => {
        generation.current.contacts += 1
        setContacts(next)
      },
      acceptContact: (contact) => {
        setContacts((previous) => previous?.map((known) => (known.peerId === contact.peerId ? contact : known)))
      },
    }),
    [contacts, requests, error, reload],
  )

  return <ContactBookContext value={book}>{children}</ContactBookContext>
}
