import type { ParseKeys } from 'i18next'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConversationSummary } from '../../../src/api/index.js'
import { formatDate } from '../i18n/format.js'
import { moveFocus } from '../lib/menu-keys.js'
import { sameDay } from './chat-format.js'
import { MutedIcon } from './StatusTick.js'

/** How long a chat can be muted for, in minutes; undefined: until it is unmuted. */
const CHOICES: readonly { readonly label: ParseKeys; readonly forMinutes: number | undefined }[] = [
  { label: 'chats.mute.hour', forMinutes: 60 },
  { label: 'chats.mute.hours', forMinutes: 8 * 60 },
  { label: 'chats.mute.week', forMinutes: 7 * 24 * 60 },
  { label: 'chats.mute.forever', forMinutes: undefined },
]

export interface MuteMenuProps {
  readonly summary: ConversationSummary | undefined
  readonly disabled: boolean
  /** muted false: unmute; true: mute for `forMinutes` (undefined: until unmuted). */
  readonly onChoose: (muted: boolean, forMinutes: number | undefined) => void
}

/** When a mute for a while ends, as the person's clock reads it: a time today, else a day and time. */
function endText(until: number): string {
  return formatDate(until, sameDay(until, Date.now()) ? 'clock' : 'muteEnd')
}

/** The chat header's mute button: a menu of how long, or "Unmute" while muted. */
export function MuteMenu({ summary, disabled, onChoose }: MuteMenuProps): ReactNode {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)
  const muted = summary?.muted ?? false
  const until = summary?.mutedUntil ?? null

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [open])

  const close = (refocus: boolean): void => {
    setOpen(false)
    if (refocus) button.current?.focus()
  }
  const choose = (nextMuted: boolean, forMinutes: number | undefined): void => {
    close(true)
    onChoose(nextMuted, forMinutes)
  }
  const entries = [
    ...(muted ? [{ label: t('chats.mute.unmute'), muted: false, forMinutes: undefined }] : []),
    ...CHOICES.map((choice) => ({ label: t(choice.label), muted: true, forMinutes: choice.forMinutes })),
  ]

  return (
    <div className="mute-menu">
      <button
        ref={button}
        type="button"
        className="button button--small chat-header__mute"
        aria-label={t('chats.mute.label')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-pressed={muted}
        disabled={disabled}
        title={muted && until !== null ? t('chats.mute.mutedUntil', { time: endText(until) }) : undefined}
        onClick={() => {
          setOpen((now) => !now)
        }}
      >
        {muted && <MutedIcon />}
        {muted
          ? until === null
            ? t('chats.mute.muted')
            : t('chats.mute.mutedUntil', { time: endText(until) })
          : t('chats.mute.mute')}
      </button>
      {open && (
        <div
          ref={menu}
          id={id}
          role="menu"
          aria-label={t('chats.mute.label')}
          className="message-menu mute-menu__list"
          onKeyDown={(event) => {
            moveFocus(event, close)
          }}
          onBlur={(event) => {
            const to = event.relatedTarget
            if (to instanceof Element && (event.currentTarget.contains(to) || to === button.current)) return
            close(false)
          }}
        >
          {entries.map((entry) => (
            <button
              key={entry.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="message-menu__item"
              onClick={() => {
                choose(entry.muted, entry.forMinutes)
              }}
            >
              {entry.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
