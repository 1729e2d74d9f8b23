import { createContext, use } from 'react'
import type { Contact, ContactRequest } from '../../../src/api/index.js'

/** The contacts and the requests of the unlocked account, kept live for the whole shell. */
export interface ContactBook {
  /** Undefined until the core has answered. */
  readonly contacts: readonly Contact[] | undefined
  readonly requests: readonly ContactRequest[] | undefined
  /** Incoming requests waiting for an answer: the sidebar counts them. */
  readonly incomingCount: number
  /** Why the last fetch failed, if it did. */
  readonly error: string | undefined
  readonly reload: () => void
  /** Take the list a command returned, without waiting for the event. */
  readonly acceptContacts: (contacts: readonly Contact[]) => void
  /** Take one contact a command returned (a rename). */
  readonly acceptContact: (contact: Contact) => void
}

export const ContactBookContext = createContext<ContactBook | null>(null)

export function useContactBook(): ContactBook {
  const book = use(ContactBookContext)
  if (book === null) {
    throw new Error('useContactBook() must be used inside <ContactBookProvider>')
  }
  return book
}

/** Alphabetical, the way people look for a name. */
export function sortContacts(contacts: readonly Contact[]): Contact[] {
  return [...contacts].sort((a, b) => a.name.localeCompare(b.name) || a.peerId.localeCompare(b.peerId))
}
