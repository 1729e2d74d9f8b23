import type { ReactNode } from 'react'
import type { Contact } from '../../../src/api/index.js'
import { reachText, relayTitle } from './reach-labels.js'

export interface ContactReachTextProps {
  readonly contact: Pick<Contact, 'reach' | 'name'>
}

/** One line on how the contact is reached now; the relay's whole peer ID is in the tooltip. */
export function ContactReachText({ contact }: ContactReachTextProps): ReactNode {
  return (
    <span
      className={`reach reach--${contact.reach.state}`}
      data-testid="contact-reach"
      title={relayTitle(contact.reach)}
    >
      {reachText(contact.reach, contact.name)}
    </span>
  )
}
