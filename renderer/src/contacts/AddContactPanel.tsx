import { useEffect, useRef, type ReactNode } from 'react'
import { CreateInvite } from './CreateInvite.js'
import { PasteInvite } from './PasteInvite.js'

export interface AddContactPanelProps {
  readonly id: string
  readonly onClose: () => void
}

/** The two ways to add someone: give them an invite, or use theirs. */
export function AddContactPanel({ id, onClose }: AddContactPanelProps): ReactNode {
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  return (
    <section id={id} className="card add-contact" aria-labelledby="add-contact-heading">
      <div className="card__header">
        <h2 id="add-contact-heading" className="card__title" tabIndex={-1} ref={heading}>
          Add a contact
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        There is no directory to search: people become contacts by passing an invite, and only once the other side
        accepts.
      </p>
      <div className="add-contact__ways">
        <CreateInvite />
        <PasteInvite />
      </div>
    </section>
  )
}
