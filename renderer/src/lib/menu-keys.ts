import type { KeyboardEvent } from 'react'

/** The items of a menu (`menuitem`, `menuitemcheckbox`, `menuitemradio`). */
export const MENU_ITEM_SELECTOR = '[role^="menuitem"]'

/** Arrow keys, Home and End move between the items; Escape closes; Tab leaves. */
export function moveFocus(event: KeyboardEvent<HTMLDivElement>, onClose: (refocus: boolean) => void): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(MENU_ITEM_SELECTOR)]
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
