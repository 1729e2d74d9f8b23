import { useState, type ReactNode } from 'react'
import type { Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { presenceText } from '../contacts/contact-labels.js'
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

/** Who the chat is with, online or typing, and muting their notifications. */
export function ChatHeader({ peerId, conversationId, name, contact, onError }: ChatHeaderProps): ReactNode {
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
      onError(`Could not ${muted ? 'mute' : 'unmute'} this chat: ${describeError(result.error)}`)
    }
  }

  const presence = contact?.online === true ? 'online' : 'offline'
  return (
    <header className="chat-header">
      <button
        type="button"
        className="chat-header__back button button--small"
        aria-label="Back to chats"
        onClick={() => {
          navigate({ name: 'chats' })
        }}
      >
        <span aria-hidden="true">←</span>
      </button>
      <PersonPicture name={name} avatar={contact?.profile?.avatar} />
      <div className="chat-header__who">
        <h2 className="chat-header__name">{name}</h2>
        <p className="chat-header__status presence">
          <span className={`presence__dot presence__dot--${presence}`} aria-hidden="true" />
          {contact === undefined ? 'not a contact' : presenceText(contact)}
        </p>
      </div>
      <p className="chat-header__typing" role="status">
        {isTyping ? `${name} is typing…` : ''}
      </p>
      <MuteMenu
        summary={summary}
        disabled={working}
        onChoose={(muted, forMinutes) => void setMuted(muted, forMinutes)}
      />
    </header>
  )
}
