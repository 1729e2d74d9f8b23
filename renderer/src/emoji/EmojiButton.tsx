import { useState, type ReactNode } from 'react'
import { EmojiPicker } from './EmojiPicker.js'

export interface EmojiButtonProps {
  /** The button's accessible name and the picker's. */
  readonly label: string
  readonly onPick: (emoji: string) => void
  /** Where the popover opens from the button. */
  readonly placement?: 'above' | 'below'
  readonly className?: string
}

/** A smiley button that opens the emoji picker beside it; a pick closes it. */
export function EmojiButton({ label, onPick, placement = 'above', className = '' }: EmojiButtonProps): ReactNode {
  const [open, setOpen] = useState(false)
  return (
    <div className={`emoji-button emoji-button--${placement} ${className}`}>
      <button
        type="button"
        className="button emoji-button__toggle"
        aria-label={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen((now) => !now)
        }}
      >
        <span className="emoji" aria-hidden="true">
          🙂
        </span>
      </button>
      {open && (
        <div className="emoji-button__popover" role="dialog" aria-label={label}>
          <EmojiPicker
            label={label}
            onPick={(emoji) => {
              setOpen(false)
              onPick(emoji)
            }}
            onClose={() => {
              setOpen(false)
            }}
          />
        </div>
      )}
    </div>
  )
}
