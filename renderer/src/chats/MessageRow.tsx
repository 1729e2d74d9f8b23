import { memo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage, QuotedMessage } from '../../../src/api/index.js'
import { clockTime, deletedText, fullTime, oneLine } from './chat-format.js'
import { MessageMenu, type MessageAction } from './MessageMenu.js'
import { MessageText } from './MessageText.js'
import { StatusTick } from './StatusTick.js'

/** What a row can ask of the chat; one stable object for all rows. */
export interface RowHandlers {
  readonly toggleMenu: (messageId: string) => void
  readonly closeMenu: (messageId: string, refocus: boolean) => void
  readonly act: (message: ChatMessage, action: MessageAction) => void
  readonly openLink: (href: string) => void
  readonly jumpTo: (messageId: string) => void
}

export interface MessageRowProps {
  readonly message: ChatMessage
  /** The contact's name: who "they" are. */
  readonly peerName: string
  /** "Today", a date: set on the first message of a day. */
  readonly dayHeading: string | undefined
  readonly highlighted: boolean
  readonly menuOpen: boolean
  readonly handlers: RowHandlers
}

export function menuTriggerId(messageId: string): string {
  return `message-actions-${messageId}`
}

function Quote({ quote, peerName, onJump }: { quote: QuotedMessage; peerName: string; onJump: () => void }): ReactNode {
  const { t } = useTranslation()
  const text = quote.deleted
    ? deletedText()
    : quote.text === ''
      ? t('chats.messages.notAvailable')
      : oneLine(quote.text, 160)
  return (
    <button type="button" className="bubble__quote" onClick={onJump}>
      <span className="visually-hidden">{t('chats.messages.quotedFrom')} </span>
      <span className="bubble__quote-author">{quote.fromMe ? t('chats.messages.you') : peerName}</span>
      <span className={quote.deleted ? 'bubble__quote-text bubble__tombstone' : 'bubble__quote-text'}>{text}</span>
    </button>
  )
}

function Reactions({ message, peerName }: { message: ChatMessage; peerName: string }): ReactNode {
  const { t } = useTranslation()
  const { mine, theirs } = message.reactions
  if (mine === null && theirs === null) {
    return null
  }
  const chips: { emoji: string; label: string; count: number; mine: boolean }[] =
    mine !== null && mine === theirs
      ? [{ emoji: mine, label: t('chats.messages.bothReacted', { name: peerName, emoji: mine }), count: 2, mine: true }]
      : [
          ...(theirs === null
            ? []
            : [
                {
                  emoji: theirs,
                  label: t('chats.messages.theyReacted', { name: peerName, emoji: theirs }),
                  count: 1,
                  mine: false,
                },
              ]),
          ...(mine === null
            ? []
            : [{ emoji: mine, label: t('chats.messages.youReacted', { emoji: mine }), count: 1, mine: true }]),
        ]
  return (
    <p className="reactions">
      {chips.map((chip) => (
        <span
          key={chip.label}
          role="img"
          aria-label={chip.label}
          title={chip.label}
          className={chip.mine ? 'reaction reaction--mine' : 'reaction'}
        >
          {chip.emoji}
          {chip.count > 1 && <span className="reaction__count">{chip.count}</span>}
        </span>
      ))}
    </p>
  )
}

/** One message: quote, text (or the tombstone), time, edited, ticks, reactions, and its actions. */
export const MessageRow = memo(function MessageRow({
  message,
  peerName,
  dayHeading,
  highlighted,
  menuOpen,
  handlers,
}: MessageRowProps): ReactNode {
  const { t } = useTranslation()
  const side = message.fromMe ? 'mine' : 'theirs'
  const menuId = `message-menu-${message.id}`
  return (
    <div className={`message-row message-row--${side}`} data-message-id={message.id}>
      {dayHeading !== undefined && <p className="day-divider">{dayHeading}</p>}
      <div className="message-row__line">
        <div
          className={`bubble bubble--${side}${message.deleted ? ' bubble--deleted' : ''}${highlighted ? ' bubble--highlight' : ''}`}
          data-highlighted={highlighted ? 'true' : undefined}
        >
          <span className="visually-hidden">
            {message.fromMe ? t('chats.messages.youSaid') : t('chats.messages.theySaid', { name: peerName })}
          </span>
          {message.replyTo !== null && !message.deleted && (
            <Quote
              quote={message.replyTo}
              peerName={peerName}
              onJump={() => {
                if (message.replyTo !== null) {
                  handlers.jumpTo(message.replyTo.id)
                }
              }}
            />
          )}
          {message.deleted ? (
            <p className="bubble__text bubble__tombstone">{deletedText()}</p>
          ) : (
            <MessageText text={message.text} onOpenLink={handlers.openLink} />
          )}
          <span className="bubble__meta">
            {message.editedAt !== null && !message.deleted && (
              <span
                className="bubble__edited"
                title={t('chats.messages.editedAt', { time: fullTime(message.editedAt) })}
              >
                {t('chats.messages.edited')}
              </span>
            )}
            <time dateTime={new Date(message.sentAt).toISOString()} title={fullTime(message.sentAt)}>
              {clockTime(message.sentAt)}
            </time>
            {message.fromMe && message.state !== null && <StatusTick state={message.state} />}
          </span>
        </div>
        <button
          type="button"
          id={menuTriggerId(message.id)}
          className="message-row__more"
          aria-label={t('chats.menu.label')}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? menuId : undefined}
          onClick={() => {
            handlers.toggleMenu(message.id)
          }}
        >
          <span aria-hidden="true">⋯</span>
        </button>
      </div>
      <Reactions message={message} peerName={peerName} />
      {menuOpen && (
        <MessageMenu
          id={menuId}
          message={message}
          onAction={(action) => {
            handlers.act(message, action)
          }}
          onClose={(refocus) => {
            handlers.closeMenu(message.id, refocus)
          }}
        />
      )}
    </div>
  )
})
