import { useCallback, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { Virtuoso, type ItemProps, type ListProps, type VirtuosoHandle } from 'react-virtuoso'
import type { ChatMessage } from '../../../src/api/index.js'
import { dayLabel, sameDay } from './chat-format.js'
import { MessageRow, type RowHandlers } from './MessageRow.js'
import type { MessageWindowSource } from './use-message-window.js'

interface ListContext {
  readonly label: string
  readonly peerName: string
  readonly loadingOlder: boolean
  readonly hasBefore: boolean
}

type WithContext = { readonly context: ListContext }

function List({ context, ...props }: ListProps & WithContext): ReactNode {
  return <div {...props} role="list" aria-label={context.label} className="message-list__items" />
}

function Item({ children, style, ...data }: ItemProps<ChatMessage> & WithContext): ReactNode {
  return (
    <div
      role="listitem"
      style={style}
      data-index={data['data-index']}
      data-item-index={data['data-item-index']}
      data-item-group-index={data['data-item-group-index']}
      data-known-size={data['data-known-size']}
    >
      {children}
    </div>
  )
}

/** Above the first message: loading, or the start of the conversation (same height either way). */
function Header({ context }: WithContext): ReactNode {
  const { t } = useTranslation()
  const text = context.loadingOlder
    ? t('chats.messages.loadingOlder')
    : context.hasBefore
      ? ''
      : t('chats.messages.start', { name: context.peerName })
  return <p className="message-list__edge muted">{text}</p>
}

const COMPONENTS = { List, Item, Header }

export interface MessageListProps {
  readonly source: MessageWindowSource
  readonly peerName: string
  readonly highlightId: string | undefined
  readonly menuFor: string | undefined
  readonly handlers: RowHandlers
  readonly listRef: RefObject<VirtuosoHandle | null>
  /** Set when we just sent: follow the new message down even if scrolled up. */
  readonly followNextRef: RefObject<boolean>
  readonly onAtBottomChange: (atBottom: boolean) => void
}

/**
 * The conversation, virtualized: only the rows on screen exist in the DOM, and
 * only the pages loaded so far are in memory. Scrolling up loads older pages
 * (prepended through firstItemIndex, so nothing jumps); after a jump into the
 * past, scrolling down loads newer ones; at the live end new messages follow.
 */
export function MessageList({
  source,
  peerName,
  highlightId,
  menuFor,
  handlers,
  listRef,
  followNextRef,
  onAtBottomChange,
}: MessageListProps): ReactNode {
  const { t } = useTranslation()
  const { view, loadingOlder, loadOlder, loadNewer } = source
  const { messages, firstItemIndex, hasBefore, hasAfter } = view

  const follow = useCallback(
    (atBottom: boolean) => {
      if (hasAfter) {
        return false
      }
      if (followNextRef.current) {
        followNextRef.current = false
        return 'auto' as const
      }
      return atBottom ? ('auto' as const) : false
    },
    [hasAfter, followNextRef],
  )

  const itemContent = (index: number, message: ChatMessage): ReactNode => {
    const previous = messages[index - firstItemIndex - 1]
    const firstOfDay = previous === undefined ? !hasBefore : !sameDay(previous.sentAt, message.sentAt)
    return (
      <MessageRow
        message={message}
        peerName={peerName}
        dayHeading={firstOfDay ? dayLabel(message.sentAt) : undefined}
        highlighted={message.id === highlightId}
        menuOpen={message.id === menuFor}
        handlers={handlers}
      />
    )
  }

  return (
    <div className="message-list">
      <Virtuoso<ChatMessage, ListContext>
        key={view.epoch}
        ref={listRef}
        className="message-list__scroller"
        data={messages}
        context={{ label: t('chats.messages.label', { name: peerName }), peerName, loadingOlder, hasBefore }}
        components={COMPONENTS}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={{
          index: view.focusIndex,
          align: view.focusIndex === messages.length - 1 ? 'end' : 'center',
        }}
        computeItemKey={(_, message) => message.id}
        itemContent={itemContent}
        alignToBottom
        followOutput={follow}
        atBottomThreshold={48}
        atBottomStateChange={onAtBottomChange}
        startReached={loadOlder}
        endReached={loadNewer}
        increaseViewportBy={{ top: 600, bottom: 600 }}
      />
    </div>
  )
}
