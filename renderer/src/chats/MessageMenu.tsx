import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatMessage } from '../../../src/api/index.js'
import { EmojiPicker } from '../emoji/EmojiPicker.js'
import { MENU_ITEM_SELECTOR as ITEM_SELECTOR, moveFocus } from '../lib/menu-keys.js'

/** The reactions offered: one tap each, the same again takes it back. */
export const REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏']

export type MessageAction =
  | { readonly kind: 'reply' }
  | { readonly kind: 'react'; readonly reaction: string | null }
  | { readonly kind: 'edit' }
  | { readonly kind: 'copy' }
  | { readonly kind: 'delete'; readonly forEveryone: boolean }

export interface MessageMenuProps {
  readonly id: string
  readonly message: ChatMessage
  readonly onAction: (action: MessageAction) => void
  /** `refocus`: give the focus back to the button that opened the menu (Escape). */
  readonly onClose: (refocus: boolean) => void
}

/** Reply, react, edit, copy, delete: what one can do with a message, as a keyboard-friendly menu. */
export function MessageMenu({ id, message, onAction, onClose }: MessageMenuProps): ReactNode {
  const { t } = useTranslation()
  const menu = useRef<HTMLDivElement>(null)
  const [confirming, setConfirming] = useState<boolean | undefined>(undefined)
  /** The full emoji picker in place of the menu, for any reaction beyond the quick ones. */
  const [picking, setPicking] = useState(false)
  const live = !message.deleted
  const mine = message.reactions.mine

  useEffect(() => {
    // back from the picker or a confirmation: the focus returns to the menu's first item
    if (!picking) menu.current?.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus()
  }, [confirming, picking])

  const item = (label: string, action: MessageAction | (() => void)): ReactNode => (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className="message-menu__item"
      onClick={() => {
        if (typeof action === 'function') {
          action()
        } else {
          onAction(action)
        }
      }}
    >
      {label}
    </button>
  )

  return (
    <div
      ref={menu}
      id={id}
      role="menu"
      aria-label={t('chats.menu.label')}
      className="message-menu"
      onKeyDown={(event) => {
        // the picker moves its own focus (arrows in its grid, Escape back to the menu)
        if (!picking) moveFocus(event, onClose)
      }}
      onBlur={(event) => {
        const to = event.relatedTarget
        // the button that opened the menu toggles it itself
        if (to instanceof Element && (event.currentTarget.contains(to) || to.getAttribute('aria-controls') === id)) {
          return
        }
        // focus moves to nowhere when an item is swapped for the confirmation: look again once it settled
        setTimeout(() => {
          if (menu.current !== null && !menu.current.contains(document.activeElement)) {
            onClose(false)
          }
        }, 0)
      }}
    >
      {picking ? (
        <EmojiPicker
          label={t('chats.emoji.reactAny')}
          onPick={(emoji) => {
            onAction({ kind: 'react', reaction: emoji })
          }}
          onClose={() => {
            setPicking(false)
          }}
        />
      ) : confirming === undefined ? (
        <>
          {live && (
            <div role="group" aria-label={t('chats.menu.react')} className="message-menu__reactions">
              {(mine !== null && !REACTIONS.includes(mine) ? [...REACTIONS, mine] : REACTIONS).map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={mine === emoji}
                  aria-label={t('chats.menu.reactWith', { emoji })}
                  tabIndex={-1}
                  className="message-menu__emoji"
                  onClick={() => {
                    onAction({ kind: 'react', reaction: mine === emoji ? null : emoji })
                  }}
                >
                  <span className="emoji">{emoji}</span>
                </button>
              ))}
              <button
                type="button"
                role="menuitem"
                aria-label={t('chats.emoji.more')}
                tabIndex={-1}
                className="message-menu__emoji message-menu__more"
                onClick={() => {
                  setPicking(true)
                }}
              >
                +
              </button>
            </div>
          )}
          {live && item(t('chats.menu.reply'), { kind: 'reply' })}
          {live && message.fromMe && item(t('chats.menu.edit'), { kind: 'edit' })}
          {live && item(t('chats.menu.copy'), { kind: 'copy' })}
          {item(t('chats.menu.deleteForMe'), () => {
            setConfirming(false)
          })}
          {live &&
            message.fromMe &&
            item(t('chats.menu.deleteForEveryone'), () => {
              setConfirming(true)
            })}
        </>
      ) : (
        <>
          <p className="message-menu__question">
            {confirming ? t('chats.menu.confirmEveryone') : t('chats.menu.confirmMe')}
          </p>
          {item(confirming ? t('chats.menu.yesEveryone') : t('chats.menu.yesMe'), {
            kind: 'delete',
            forEveryone: confirming,
          })}
          {item(t('common.cancel'), () => {
            onClose(true)
          })}
        </>
      )}
    </div>
  )
}
