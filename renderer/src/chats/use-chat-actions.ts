import { useLayoutEffect, useMemo, useRef, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { VirtuosoHandle } from 'react-virtuoso'
import type { ChatMessage } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { i18n } from '../i18n/i18n.js'
import { copyText } from '../lib/clipboard.js'
import { describeError } from '../lib/describe-error.js'
import type { MessageAction } from './MessageMenu.js'
import { menuTriggerId, type RowHandlers } from './MessageRow.js'
import type { MessageWindowSource } from './use-message-window.js'

export interface ChatNotice {
  readonly tone: 'error' | 'success'
  readonly text: string
}

type Setter<T> = Dispatch<SetStateAction<T | undefined>>

export interface ChatActionsOptions {
  readonly peerId: string
  /** The conversation the commands name. */
  readonly conversationId: string
  readonly source: MessageWindowSource
  readonly listRef: RefObject<VirtuosoHandle | null>
  readonly textareaRef: RefObject<HTMLTextAreaElement | null>
  readonly setReplyTo: Setter<ChatMessage>
  readonly setEditing: Setter<ChatMessage>
  readonly setMenuFor: Setter<string>
  readonly setHighlightId: Setter<string>
  readonly setLinkHref: Setter<string>
  readonly setNotice: Setter<ChatNotice>
}

function focusTrigger(messageId: string): void {
  document.getElementById(menuTriggerId(messageId))?.focus()
}

/**
 * What the rows ask of the chat (menu, reply, react, edit, copy, delete, links,
 * quotes), as one object that stays the same across renders so rows can skip them.
 */
export function useChatActions(options: ChatActionsOptions): RowHandlers {
  const client = useClient()
  const latest = useRef(options)
  useLayoutEffect(() => {
    latest.current = options
  })

  return useMemo<RowHandlers>(() => {
    const jumpTo = async (messageId: string): Promise<void> => {
      const { source, listRef, setHighlightId, setNotice } = latest.current
      const index = source.view.messages.findIndex((message) => message.id === messageId)
      if (index >= 0) {
        listRef.current?.scrollToIndex({ index, align: 'center' })
        setHighlightId(messageId)
        return
      }
      if (await source.jumpTo(messageId)) {
        setHighlightId(messageId)
      } else {
        setNotice({ tone: 'error', text: i18n.t('chats.view.notShown') })
      }
    }

    const act = async (message: ChatMessage, action: MessageAction): Promise<void> => {
      const { conversationId, source, textareaRef, setReplyTo, setEditing, setMenuFor, setNotice } = latest.current
      setMenuFor(undefined)
      setNotice(undefined)
      switch (action.kind) {
        case 'reply':
          setEditing(undefined)
          setReplyTo(message)
          textareaRef.current?.focus()
          return
        case 'edit':
          setReplyTo(undefined)
          setEditing(message)
          textareaRef.current?.focus()
          return
        case 'copy': {
          const copied = await copyText(message.text)
          setNotice(
            copied
              ? { tone: 'success', text: i18n.t('common.copied') }
              : { tone: 'error', text: i18n.t('chats.view.copyFailed') },
          )
          focusTrigger(message.id)
          return
        }
        case 'react': {
          const result = await client.invoke('reactToMessage', {
            conversationId,
            messageId: message.id,
            reaction: action.reaction,
          })
          if (result.ok) {
            source.accept([result.value])
          } else {
            setNotice({ tone: 'error', text: i18n.t('chats.view.reactFailed', { error: describeError(result.error) }) })
          }
          focusTrigger(message.id)
          return
        }
        case 'delete': {
          const { forEveryone } = action
          const result = await client.invoke('deleteMessage', { conversationId, messageId: message.id, forEveryone })
          if (!result.ok) {
            setNotice({
              tone: 'error',
              text: i18n.t('chats.view.deleteFailed', { error: describeError(result.error) }),
            })
            return
          }
          if (!forEveryone) {
            source.remove(message.id)
          }
          const unlessGone = (current: ChatMessage | undefined): ChatMessage | undefined =>
            current?.id === message.id ? undefined : current
          setReplyTo(unlessGone)
          setEditing(unlessGone)
          textareaRef.current?.focus()
          return
        }
      }
    }

    return {
      toggleMenu: (messageId) => {
        latest.current.setMenuFor((current) => (current === messageId ? undefined : messageId))
      },
      closeMenu: (messageId, refocus) => {
        latest.current.setMenuFor((current) => (current === messageId ? undefined : current))
        if (refocus) {
          focusTrigger(messageId)
        }
      },
      act: (message, action) => {
        void act(message, action)
      },
      openLink: (href) => {
        latest.current.setLinkHref(href)
      },
      jumpTo: (messageId) => {
        void jumpTo(messageId)
      },
    }
  }, [client])
}
