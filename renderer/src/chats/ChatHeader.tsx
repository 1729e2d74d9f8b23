import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { presenceText } from '../contacts/contact-labels.js'
import { ContactReachText } from '../contacts/ContactReachText.js'
import { describeError } from '../lib/describe-error.js'
import { useRouter } from '../router/router-context.js'
import { useConversations } from './conversations-context.js'
import { MuteMenu } from './MuteMenu.js'

export interface ChatHeaderProps {
  readonly peerId: string
  readonly conversationId: string
  readonly name: string
  readonly contact: Contact | undefined
  readonly onError: (message: string) => void
}

/** Who the chat is with, online (and how they are reached) or typing, and muting their notifications. */
export function ChatHeader({ peerId, conversationId, name, contact, onError }: ChatHeaderProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { summaries, typing, accept } = useConversations()
  const { navigate } = useRouter()
  const summary = summaries?.get(peerId)
  const [working, setWorking] = useState(false)
  const isTyping = typing.has(peerId)

  const setMuted = async (muted: boolean, forMinutes: number | undefined): Promise<void> => {
    setWorking(true)
    const result = await client.invoke('setConversationMuted', {
      conversationId,
      muted,
      ...(forMinutes === undefined ? {} : { forMinutes }),
    })
    setWorking(false)
    if (result.ok) {
      accept(result.value)
    } else {
      const error = describeError(result.error)
      onError(muted ? t('chats.header.muteFailed', { error }) : t('chats.header.unmuteFailed', { error }))
    }
  }

  const presence = contact?.online === true ? 'online' : 'offline'
  return (
    <header className="chat-header">
      <button
        type="button"
        className="chat-header__back button button--small"
        aria-label={t('chats.header.back')}
        onClick={() => {
          navigate({ name: 'chats' })
        }}
      >
        <span aria-hidden="true">←</span>
      </button>
      <PersonPicture name={name} avatar={contact?.profile?.avatar} />
      <div className="chat-header__who">
        <h2 className="chat-header__name">
          {name}
          {contact?.verified === true && (
            <span
              className="badge badge--verified chat-header__verified"
              title={t('chats.header.verifiedHint', { name })}
            >
              {t('chats.header.verified')}
            </span>
          )}
        </h2>
        <p className="chat-header__status presence">
          <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
          {contact === undefined ? t('chats.header.notContact') : presenceText(contact)}
          {contact !== undefined && (
            <>
              <span aria-hidden="true"> · </span>
              <ContactReachText contact={contact} />
            </>
          )}
        </p>
      </div>
      <p className="chat-header__typing" role="status">
        {isTyping ? t('chats.header.typing', { name }) : ''}
      </p>
      <MuteMenu
        summary={summary}
        disabled={working}
        onChoose={(muted, forMinutes) => void setMuted(muted, forMinutes)}
      />
    </header>
  )
}
