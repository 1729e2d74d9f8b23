import type { ReactNode } from 'react'
import { useRouter, type ContactsView } from '../router/router-context.js'

export interface BackButtonProps {
  readonly label: string
  /** Where to: a contact's page, or the list (undefined). */
  readonly to?: ContactsView
}

/** Back up one level inside the Contacts screen. */
export function BackButton({ label, to }: BackButtonProps): ReactNode {
  const { navigate } = useRouter()
  return (
    <button
      type="button"
      className="link-button back-button"
      onClick={() => {
        navigate(to === undefined ? { name: 'contacts' } : { name: 'contacts', view: to })
      }}
    >
      <span aria-hidden="true">← </span>
      {label}
    </button>
  )
}
