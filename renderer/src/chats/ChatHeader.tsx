import { useState, type ReactNode } from 'react'
import type { Contact } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { presenceText } from '../contacts/contact-labels.js'
import { describeError } from '../lib/describe-error.js'
import { useConversations } from './conversations-context.js'
import { MutedIcon } from './StatusTick.js'

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
  const muted = summaries?.get(peerId)?.muted ?? false
  const [working, setWorking] = useState(false)
  const isTyping = typing.has(peerId)

  const toggleMute = async (): Promise<void> => {
    setWorking(true)
    const result = await client.invoke('setConversationMuted', { conversationId, muted: !muted })
    setWorking(false)
    if (result.ok) {
      accept(result.value)
    } else {
      onError(`Could not ${muted ? 'unmute' : 'mute'} this chat: ${describeError(result.error)}`)
    }
  }

  const presence = contact?.online === true ? 'online' : 'offline'
  return (
    <header className="chat-header">
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
      <button
        type="button"
        className="button button--small chat-header__mute"
        aria-label="Mute notifications"
        aria-pressed={muted}
        disabled={working}
        onClick={() => void toggleMute()}
      >
        {muted && <MutedIcon />}
        {muted ? 'Muted' : 'Mute'}
      </button>
    </header>
  )
}
