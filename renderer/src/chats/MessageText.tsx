import { memo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { splitLinks } from './links.js'

export interface MessageTextProps {
  readonly text: string
  /** Asks before anything opens: links here are buttons, never navigation. */
  readonly onOpenLink: (href: string) => void
}

/** A text longer than this many characters, or lines, shows its start and "Show more". */
const LONG_CHARACTERS = 900
const LONG_LINES = 14

/** The start of a long text: whole lines up to the limits, cut at a space where one is near the end. */
export function textStart(text: string): string | undefined {
  const lines = text.split('\n')
  if (text.length <= LONG_CHARACTERS && lines.length <= LONG_LINES) return undefined
  let start = lines.slice(0, LONG_LINES).join('\n')
  if (start.length > LONG_CHARACTERS) {
    start = start.slice(0, LONG_CHARACTERS)
    const space = start.lastIndexOf(' ')
    if (space > LONG_CHARACTERS * 0.8) start = start.slice(0, space)
  }
  return `${start.trimEnd()}…`
}

function Linked({ text, onOpenLink }: MessageTextProps): ReactNode {
  return splitLinks(text).map((part, index) =>
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
  )
}

/**
 * Message text as React text nodes, with http(s) links as buttons that ask
 * before opening; a long one collapsed to its start, with "Show more".
 */
export const MessageText = memo(function MessageText({ text, onOpenLink }: MessageTextProps): ReactNode {
  const { t } = useTranslation()
  const [expanded, setExpanded] = useState(false)
  const start = textStart(text)
  if (start === undefined) {
    return (
      <p className="bubble__text">
        <Linked text={text} onOpenLink={onOpenLink} />
      </p>
    )
  }
  return (
    <>
      <p className="bubble__text">
        <Linked text={expanded ? text : start} onOpenLink={onOpenLink} />
      </p>
      <button
        type="button"
        className="bubble__more"
        aria-expanded={expanded}
        onClick={() => {
          setExpanded((now) => !now)
        }}
      >
        {expanded ? t('chats.messages.showLess') : t('chats.messages.showMore')}
      </button>
    </>
  )
})
