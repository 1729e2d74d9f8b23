import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { ChatMessage } from '../../../src/api/index.js'

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

const ITEM_SELECTOR = '[role^="menuitem"]'

/** Arrow keys, Home and End move between the items; Escape closes; Tab leaves. */
export function moveFocus(event: KeyboardEvent<HTMLDivElement>, onClose: (refocus: boolean) => void): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(ITEM_SELECTOR)]
  const at = items.findIndex((item) => item === document.activeElement)
  const go = (index: number): void => {
    event.preventDefault()
    items.at(((index % items.length) + items.length) % items.length)?.focus()
  }
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowRight':
      go(at + 1)
      return
    case 'ArrowUp':
    case 'ArrowLeft':
      go(at - 1)
      return
    case 'Home':
      go(0)
      return
    case 'End':
      go(-1)
      return
    case 'Escape':
      event.preventDefault()
      onClose(true)
      return
    case 'Tab':
      onClose(false)
      return
    default:
      return
  }
}

/** Reply, react, edit, copy, delete: what one can do with a message, as a keyboard-friendly menu. */
export function MessageMenu({ id, message, onAction, onClose }: MessageMenuProps): ReactNode {
  const menu = useRef<HTMLDivElement>(null)
  const [confirming, setConfirming] = useState<boolean | undefined>(undefined)
  const live = !message.deleted
  const mine = message.reactions.mine

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>(ITEM_SELECTOR)?.focus()
  }, [confirming])

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
      aria-label="Message actions"
      className="message-menu"
      onKeyDown={(event) => {
        moveFocus(event, onClose)
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
      {confirming === undefined ? (
        <>
          {live && (
            <div role="group" aria-label="React" className="message-menu__reactions">
              {REACTIONS.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={mine === emoji}
                  aria-label={`React with ${emoji}`}
                  tabIndex={-1}
                  className="message-menu__emoji"
                  onClick={() => {
                    onAction({ kind: 'react', reaction: mine === emoji ? null : emoji })
                  }}
                >
                  {emoji}
                </button>
              ))}
            </div>
          )}
          {live && item('Reply', { kind: 'reply' })}
          {live && message.fromMe && item('Edit', { kind: 'edit' })}
          {live && item('Copy text', { kind: 'copy' })}
          {item('Delete for me', () => {
            setConfirming(false)
          })}
          {live &&
            message.fromMe &&
            item('Delete for everyone', () => {
              setConfirming(true)
            })}
        </>
      ) : (
        <>
          <p className="message-menu__question">
            {confirming
              ? 'Delete this message for everyone? They see that a message was deleted.'
              : 'Delete this message from this device? The other person keeps their copy.'}
          </p>
          {item(confirming ? 'Yes, delete for everyone' : 'Yes, delete for me', {
            kind: 'delete',
            forEveryone: confirming,
          })}
          {item('Cancel', () => {
            onClose(true)
          })}
        </>
      )}
    </div>
  )
}
