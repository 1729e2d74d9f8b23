import { memo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Contact, ConversationSummary } from '../../../src/api/index.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { fullTime, listTime, messagePreview, oneLine } from './chat-format.js'
import { MutedIcon } from './StatusTick.js'

export interface ConversationRowProps {
  readonly summary: ConversationSummary
  readonly name: string
  readonly contact: Contact | undefined
  readonly typing: boolean
  readonly current: boolean
  readonly onOpen: (conversationId: string) => void
}

/** The line under the name: typing, the draft, or the last message. */
function Preview({ summary, typing }: Pick<ConversationRowProps, 'summary' | 'typing'>): ReactNode {
  const { t } = useTranslation()
  if (typing) {
    return <span className="conversation-row__preview conversation-row__preview--typing">{t('chats.list.typing')}</span>
  }
  if (summary.draft.trim() !== '') {
    return (
      <span className="conversation-row__preview">
        <span className="conversation-row__draft">{t('chats.list.draft')}</span> {oneLine(summary.draft, 80)}
      </span>
    )
  }
  return (
    <span className="conversation-row__preview">
      {summary.lastMessage === null ? t('chats.list.noMessages') : messagePreview(summary.lastMessage)}
    </span>
  )
}

/** One conversation: picture, name, online dot, preview, time, unread count, muted. */
export const ConversationRow = memo(function ConversationRow({
  summary,
  name,
  contact,
  typing,
  current,
  onOpen,
}: ConversationRowProps): ReactNode {
  const { t } = useTranslation()
  const online = contact?.online === true
  const at = summary.lastMessage?.sentAt ?? summary.updatedAt
  return (
    <li
      className="conversation-row"
      aria-label={name}
      data-conversation-id={summary.conversationId}
      data-peer-id={summary.peerId}
    >
      <button
        type="button"
        className="conversation-row__open"
        aria-current={current ? 'true' : undefined}
        onClick={() => {
          onOpen(summary.conversationId)
        }}
      >
        <span className="conversation-row__picture">
          <PersonPicture name={name} avatar={contact?.profile?.avatar} />
          <span
            className={`conversation-row__dot presence__dot presence__dot--${online ? 'online' : 'offline'}`}
            aria-hidden="true"
          />
        </span>
        <span className="conversation-row__main">
          <span className="conversation-row__top">
            <span className="conversation-row__name">{name}</span>
            <span className="visually-hidden">{online ? t('chats.list.online') : t('chats.list.offline')}</span>
            {summary.muted && <MutedIcon />}
            {summary.total > 0 && (
              <time className="conversation-row__time" dateTime={new Date(at).toISOString()} title={fullTime(at)}>
                {listTime(at)}
              </time>
            )}
          </span>
          <span className="conversation-row__bottom">
            <Preview summary={summary} typing={typing} />
            {summary.unread > 0 && (
              <span className="conversation-row__unread">
                <span aria-hidden="true">{summary.unread}</span>
                <span className="visually-hidden">{t('chats.list.unread', { number: summary.unread })}</span>
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  )
})
