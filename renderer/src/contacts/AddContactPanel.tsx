import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CreateInvite } from './CreateInvite.js'
import { PasteInvite } from './PasteInvite.js'

export interface AddContactPanelProps {
  readonly id: string
  readonly onClose: () => void
}

/** The two ways to add someone: give them an invite, or use theirs. */
export function AddContactPanel({ id, onClose }: AddContactPanelProps): ReactNode {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  return (
    <section id={id} className="card add-contact" aria-labelledby="add-contact-heading">
      <div className="card__header">
        <h2 id="add-contact-heading" className="card__title" tabIndex={-1} ref={heading}>
          {t('contacts.add')}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <p className="muted">{t('contacts.addIntro')}</p>
      <div className="add-contact__ways">
        <CreateInvite />
        <PasteInvite />
      </div>
    </section>
  )
}
