import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PersonPicture } from '../components/PersonPicture.js'
import { sortContacts, useContactBook } from '../contacts/contact-book.js'
import { presenceText } from '../contacts/contact-labels.js'

export interface NewChatPickerProps {
  readonly onPick: (conversationId: string) => void
  readonly onClose: () => void
}

/** Any contact (not blocked), found by name: opens the chat with them. */
export function NewChatPicker({ onPick, onClose }: NewChatPickerProps): ReactNode {
  const { t } = useTranslation()
  const { contacts } = useContactBook()
  const [filter, setFilter] = useState('')
  const wanted = filter.trim().toLocaleLowerCase()
  const shown = sortContacts((contacts ?? []).filter((contact) => !contact.blocked)).filter((contact) =>
    contact.name.toLocaleLowerCase().includes(wanted),
  )

  return (
    <div className="new-chat" role="group" aria-labelledby="new-chat-heading">
      <div className="new-chat__header">
        <h2 id="new-chat-heading" className="new-chat__title">
          {t('chats.newChat')}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <input
        type="search"
        className="input"
        aria-label={t('chats.picker.find')}
        placeholder={t('chats.picker.find')}
        value={filter}
        autoFocus
        onChange={(event) => {
          setFilter(event.target.value)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            onClose()
          }
        }}
      />
      {contacts === undefined && <p className="muted">{t('chats.picker.loading')}</p>}
      {contacts !== undefined && shown.length === 0 && (
        <p className="muted">{contacts.length === 0 ? t('chats.picker.noContacts') : t('chats.picker.nobody')}</p>
      )}
      <ul className="new-chat__list" aria-label={t('chats.picker.label')}>
        {shown.map((contact) => (
          <li key={contact.peerId}>
            <button
              type="button"
              className="new-chat__contact"
              onClick={() => {
                onPick(contact.conversationId)
              }}
            >
              <PersonPicture name={contact.name} avatar={contact.profile?.avatar} />
              <span className="new-chat__name">{contact.name}</span>
              <span className="muted">{presenceText(contact)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
