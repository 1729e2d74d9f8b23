import { useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { MESSAGE_TEXT_MAX, type ChatMessage } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'
import { i18n } from '../i18n/i18n.js'
import { deletedText, oneLine } from './chat-format.js'
import { useDraftSaver } from './use-draft.js'
import { useTypingSignal } from './use-typing-signal.js'
import { EmojiButton } from '../emoji/EmojiButton.js'

export interface ComposerProps {
  readonly conversationId: string
  readonly peerName: string
  /** The saved draft; undefined until the conversation list has arrived. */
  readonly draft: string | undefined
  readonly replyTo: ChatMessage | undefined
  readonly editing: ChatMessage | undefined
  readonly onCancelReply: () => void
  readonly onCancelEdit: () => void
  readonly onSent: (message: ChatMessage) => void
  readonly onEdited: (message: ChatMessage) => void
  readonly textareaRef: RefObject<HTMLTextAreaElement | null>
}

/** Show the count from this many characters before the limit. */
const COUNT_FROM = MESSAGE_TEXT_MAX - 500

function tooLong(length: number): string {
  return i18n.t('chats.composer.tooLong', { max: MESSAGE_TEXT_MAX, length })
}

/**
 * Write, reply, edit. Enter sends, Shift+Enter starts a new line; the draft is
 * kept per conversation; editing borrows the field and gives the draft back.
 */
export function Composer(props: ComposerProps): ReactNode {
  const { conversationId, peerName, draft, replyTo, editing, onCancelReply, onCancelEdit, textareaRef } = props
  const { t } = useTranslation()
  const client = useClient()
  const drafts = useDraftSaver(conversationId)
  const typing = useTypingSignal(conversationId)
  const [text, setText] = useState(draft ?? '')
  /** Until the first keystroke the field follows the saved draft (it may arrive after the chat opened). */
  const [touched, setTouched] = useState(false)
  const [shownDraft, setShownDraft] = useState(draft)
  const [error, setError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  /** The message being edited last render, and the draft put aside for it. */
  const [edit, setEdit] = useState<{ readonly id: string | undefined; readonly stash: string }>({
    id: undefined,
    stash: '',
  })

  if (draft !== shownDraft) {
    setShownDraft(draft)
    if (!touched && draft !== undefined && editing === undefined) {
      setText(draft)
    }
  }
  if ((editing?.id ?? undefined) !== edit.id) {
    // entering edit mode puts the draft aside; leaving it brings the draft back
    setEdit({ id: editing?.id, stash: edit.id === undefined ? text : edit.stash })
    setText(editing === undefined ? edit.stash : editing.text)
    setError(undefined)
  }

  const change = (next: string): void => {
    setTouched(true)
    setText(next)
    setError(undefined)
    if (editing === undefined) {
      drafts.save(next)
      typing.typed(next)
    }
  }

  const submit = async (): Promise<void> => {
    const message = text.trim()
    if (message === '' || busy) {
      return
    }
    if (message.length > MESSAGE_TEXT_MAX) {
      setError(tooLong(message.length))
      return
    }
    if (editing !== undefined) {
      if (message === editing.text) {
        onCancelEdit()
        return
      }
      setBusy(true)
      const result = await client.invoke('editMessage', { conversationId, messageId: editing.id, text: message })
      setBusy(false)
      if (result.ok) {
        props.onEdited(result.value)
      } else {
        setError(describeError(result.error))
      }
      return
    }
    // the core clears the draft with the send: no debounced save of the old text may land after it
    setText('')
    drafts.save('')
    typing.stop()
    const result = await client.invoke('sendMessage', {
      conversationId,
      text: message,
      ...(replyTo === undefined ? {} : { replyTo: replyTo.id }),
    })
    if (!result.ok) {
      setText((current) => (current === '' ? text : current))
      drafts.save(text)
      setError(describeError(result.error))
      return
    }
    drafts.known('')
    drafts.save('')
    drafts.flush()
    props.onSent(result.value)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void submit()
    } else if (event.key === 'Escape' && (editing !== undefined || replyTo !== undefined)) {
      event.preventDefault()
      if (editing === undefined) {
        onCancelReply()
      } else {
        onCancelEdit()
      }
    }
  }

  /** An emoji from the picker goes where the caret was (over the selection), and the caret after it. */
  const insertEmoji = (emoji: string): void => {
    const field = textareaRef.current
    const start = field?.selectionStart ?? text.length
    const end = field?.selectionEnd ?? text.length
    change(text.slice(0, start) + emoji + text.slice(end))
    requestAnimationFrame(() => {
      field?.focus()
      field?.setSelectionRange(start + emoji.length, start + emoji.length)
    })
  }

  const label = t('chats.composer.label', { name: peerName })
  return (
    <div className="composer">
      {editing !== undefined && (
        <div className="composer__context" role="group" aria-label={t('chats.composer.editingGroup')}>
          <span className="composer__context-text">
            <strong>{t('chats.composer.editing')}</strong> {oneLine(editing.text, 100)}
          </span>
          <button type="button" className="button button--small" onClick={onCancelEdit}>
            {t('chats.composer.cancelEdit')}
          </button>
        </div>
      )}
      {editing === undefined && replyTo !== undefined && (
        <div className="composer__context" role="group" aria-label={t('chats.composer.replyingGroup')}>
          <span className="composer__context-text">
            <strong>
              {replyTo.fromMe ? t('chats.composer.replyingToSelf') : t('chats.composer.replyingTo', { name: peerName })}
            </strong>{' '}
            {replyTo.deleted ? deletedText() : oneLine(replyTo.text, 100)}
          </span>
          <button type="button" className="button button--small" onClick={onCancelReply}>
            {t('chats.composer.cancelReply')}
          </button>
        </div>
      )}
      <div className="composer__row">
        <textarea
          ref={textareaRef}
          className="input composer__input"
          rows={1}
          aria-label={label}
          placeholder={label}
          value={text}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? 'composer-hint' : 'composer-error composer-hint'}
          onChange={(event) => {
            change(event.target.value)
          }}
          onKeyDown={onKeyDown}
          onBlur={drafts.flush}
        />
        <EmojiButton label={t('chats.emoji.button')} onPick={insertEmoji} />
        <button
          type="button"
          className="button button--primary"
          disabled={busy || text.trim() === ''}
          onClick={() => void submit()}
        >
          {editing === undefined ? t('chats.composer.send') : t('chats.composer.save')}
        </button>
      </div>
      <p id="composer-hint" className="composer__hint muted">
        {editing === undefined ? t('chats.composer.hint') : t('chats.composer.hintEditing')}
        {text.length > COUNT_FROM && (
          <span
            className={text.length > MESSAGE_TEXT_MAX ? 'composer__count composer__count--over' : 'composer__count'}
          >
            {` · ${text.length} / ${MESSAGE_TEXT_MAX}`}
          </span>
        )}
      </p>
      {error !== undefined && (
        <Notice tone="error" id="composer-error">
          {error}
        </Notice>
      )}
    </div>
  )
}
