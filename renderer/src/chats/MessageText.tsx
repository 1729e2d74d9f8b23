import { memo, type ReactNode } from 'react'
import { splitLinks } from './links.js'

export interface MessageTextProps {
  readonly text: string
  /** Asks before anything opens: links here are buttons, never navigation. */
  readonly onOpenLink: (href: string) => void
}

/** Message text as React text nodes, with http(s) links as buttons that ask before opening. */
export const MessageText = memo(function MessageText({ text, onOpenLink }: MessageTextProps): ReactNode {
  return (
    <p className="bubble__text">
      {splitLinks(text).map((part, index) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <button
            // the parts of one text never reorder: the index is a stable key
            key={index}
            type="button"
            className="message-link"
            title={part.href}
            onClick={() => {
              onOpenLink(part.href)
            }}
          >
            {part.text}
          </button>
        ),
      )}
    </p>
  )
})
