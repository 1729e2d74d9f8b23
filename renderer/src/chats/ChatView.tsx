import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { VirtuosoHandle } from 'react-virtuoso'
import type { ChatMessage } from '../../../src/api/index.js'
import { LoadError, Notice } from '../components/Notice.js'
import { useContactBook } from '../contacts/contact-book.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { ChatHeader } from './ChatHeader.js'
import { Composer } from './Composer.js'
import { useConversations } from './conversations-context.js'
import { LinkConfirmDialog } from './LinkConfirmDialog.js'
import { NewMessageAnnouncer } from './NewMessageAnnouncer.js'
import { MessageList } from './MessageList.js'
import { useChatActions, type ChatNotice } from './use-chat-actions.js'
import { useMarkRead } from './use-mark-read.js'
import { useMessageWindow } from './use-message-window.js'

/** A message to bring into view and highlight: from a search hit or a notification. */
export interface JumpRequest {
  readonly messageId: string
  /** Different for every request, so the same message can be jumped to twice. */
  readonly nonce: number
}

export interface ChatViewProps {
  readonly conversationId: string
  /** The other side of this direct conversation. */
  readonly peerId: string
  readonly jump: JumpRequest | undefined
}

/** How long a message jumped to stays highlighted. */
const HIGHLIGHT_MS = 2_500

/** One conversation: header, the virtualized messages, the composer. Mounted once per contact. */
export function ChatView({ conversationId, peerId, jump }: ChatViewProps): ReactNode {
  const { t } = useTranslation()
  const { contacts } = useContactBook()
  const { summaries } = useConversations()
  const contact = contacts?.find((known) => known.peerId === peerId)
  const name = contact?.name ?? shortPeerId(peerId)
  const source = useMessageWindow(peerId, conversationId)
  const listRef = useRef<VirtuosoHandle>(null)
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const followNext = useRef(false)
  const [replyTo, setReplyTo] = useState<ChatMessage | undefined>(undefined)
  const [editing, setEditing] = useState<ChatMessage | undefined>(undefined)
  const [menuFor, setMenuFor] = useState<string | undefined>(undefined)
  const [highlightId, setHighlightId] = useState<string | undefined>(undefined)
  const [linkHref, setLinkHref] = useState<string | undefined>(undefined)
  const [notice, setNotice] = useState<ChatNotice | undefined>(undefined)
  const [atBottom, setAtBottom] = useState(true)
  const { view } = source

  useMarkRead(peerId, conversationId, view.loaded)

  const handlers = useChatActions({
    peerId,
    conversationId,
    source,
    listRef,
    textareaRef,
    setReplyTo,
    setEditing,
    setMenuFor,
    setHighlightId,
    setLinkHref,
    setNotice,
  })

  useEffect(() => {
    if (highlightId === undefined) {
      return
    }
    const timer = setTimeout(() => {
      setHighlightId(undefined)
    }, HIGHLIGHT_MS)
    return () => {
      clearTimeout(timer)
    }
  }, [highlightId])

  useEffect(() => {
    textareaRef.current?.focus()
  }, [])

  const jumpNonce = jump?.nonce
  const jumpId = jump?.messageId
  useEffect(() => {
    if (jumpId !== undefined && jumpNonce !== undefined) {
      handlers.jumpTo(jumpId)
    }
  }, [jumpId, jumpNonce, handlers])

  const showLatest = (): void => {
    if (view.hasAfter) {
      source.reload()
    } else {
      listRef.current?.scrollToIndex({ index: 'LAST', align: 'end' })
    }
  }

  const canWrite = contact !== undefined && !contact.blocked
  return (
    <section className="chat" aria-label={t('chats.view.label', { name })} data-conversation-id={conversationId}>
      <ChatHeader
        peerId={peerId}
        conversationId={conversationId}
        name={name}
        contact={contact}
        onError={(text) => {
          setNotice({ tone: 'error', text })
        }}
      />
      {source.error !== undefined && (
        <LoadError what={t('chats.view.messagesWhat')} error={source.error} onRetry={source.reload} />
      )}
      {!view.loaded && source.error === undefined && (
        <p className="chat__placeholder muted">{t('chats.view.loading')}</p>
      )}
      {view.loaded && view.messages.length === 0 && (
        <p className="chat__placeholder muted">{t('chats.view.empty', { name })}</p>
      )}
      {view.loaded && view.messages.length > 0 && (
        <MessageList
          source={source}
          peerName={name}
          highlightId={highlightId}
          menuFor={menuFor}
          handlers={handlers}
          listRef={listRef}
          followNextRef={followNext}
          onAtBottomChange={(bottom) => {
            setAtBottom(bottom)
            if (bottom) {
              followNext.current = false
            }
          }}
        />
      )}
      {view.loaded && (!atBottom || view.hasAfter) && (
        <button type="button" className="button button--small chat__latest" onClick={showLatest}>
          {t('chats.view.latest')} <span aria-hidden="true">↓</span>
        </button>
      )}
      <NewMessageAnnouncer peerId={peerId} name={name} />
      <div className="chat__notices" aria-live="polite">
        {notice !== undefined && <Notice tone={notice.tone}>{notice.text}</Notice>}
      </div>
      {canWrite ? (
        <Composer
          conversationId={conversationId}
          peerName={name}
          draft={summaries === undefined ? undefined : (summaries.get(peerId)?.draft ?? '')}
          replyTo={replyTo}
          editing={editing}
          textareaRef={textareaRef}
          onCancelReply={() => {
            setReplyTo(undefined)
            textareaRef.current?.focus()
          }}
          onCancelEdit={() => {
            setEditing(undefined)
            textareaRef.current?.focus()
          }}
          onSent={(message) => {
            setReplyTo(undefined)
            setNotice(undefined)
            followNext.current = true
            if (view.hasAfter) {
              source.reload()
            }
            source.accept([message])
          }}
          onEdited={(message) => {
            setEditing(undefined)
            source.accept([message])
          }}
        />
      ) : (
        contacts !== undefined && (
          <p className="chat__readonly muted">
            {contact === undefined ? t('chats.view.notContact', { name }) : t('chats.view.blocked', { name })}
          </p>
        )
      )}
      <LinkConfirmDialog
        href={linkHref}
        onClose={() => {
          setLinkHref(undefined)
        }}
      />
    </section>
  )
}
