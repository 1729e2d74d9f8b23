import { EmojiPicker as Picker } from 'frimousse'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { emojiData } from './emoji-data.js'

export interface EmojiPickerProps {
  /** What it is for, as its accessible name ("Emoji", "React with an emoji"). */
  readonly label: string
  readonly onPick: (emoji: string) => void
  /** Escape, or the focus leaving it. */
  readonly onClose: () => void
}

/**
 * frimousse numbers its grid's rows and cells from 0; ARIA counts from 1
 * (axe: aria-valid-attr-value). The index, moved by one where it is given.
 */
function oneBased(name: 'aria-rowindex' | 'aria-colindex', props: object): Record<string, number> {
  const value = (props as Record<string, unknown>)[name]
  return typeof value === 'number' ? { [name]: value + 1 } : {}
}

/** The page's language, as the i18n layer sets it on <html lang>. */
const pageLanguage = (): string => document.documentElement.lang || navigator.language

/**
 * Every emoji, by category, with search in the app's language and skin tones:
 * frimousse (headless, keyboard-navigable) over emojibase data bundled with
 * the app, drawn in the bundled Twemoji font. Focus starts in the search box.
 */
export function EmojiPicker({ label, onPick, onClose }: EmojiPickerProps): ReactNode {
  const { t } = useTranslation()
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    root.current?.querySelector('input')?.focus()
  }, [])
  return (
    <Picker.Root
      ref={root}
      className="emoji-picker"
      aria-label={label}
      locale={pageLanguage()}
      resolveEmojiData={emojiData}
      columns={9}
      onEmojiSelect={(emoji) => {
        onPick(emoji.emoji)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          onClose()
        }
      }}
      onBlur={(event) => {
        const to = event.relatedTarget
        if (!(to instanceof Node) || !event.currentTarget.contains(to)) onClose()
      }}
    >
      <div className="emoji-picker__top">
        <Picker.Search
          className="input emoji-picker__search"
          aria-label={t('chats.emoji.search')}
          placeholder={t('chats.emoji.search')}
        />
        <Picker.SkinToneSelector className="emoji-picker__tone" aria-label={t('chats.emoji.skinTone')} />
      </div>
      <Picker.Viewport className="emoji-picker__viewport">
        <Picker.Loading className="emoji-picker__note">{t('common.loading')}</Picker.Loading>
        <Picker.Empty className="emoji-picker__note">{t('chats.emoji.none')}</Picker.Empty>
        <Picker.List
          className="emoji-picker__list"
          components={{
            CategoryHeader: ({ category, ...props }) => (
              <div className="emoji-picker__category" {...props}>
                {category.label}
              </div>
            ),
            Row: ({ children, ...props }) => (
              <div className="emoji-picker__row" {...props} {...oneBased('aria-rowindex', props)}>
                {children}
              </div>
            ),
            Emoji: ({ emoji, ...props }) => (
              <button
                className={emoji.isActive ? 'emoji-picker__emoji emoji-picker__emoji--active' : 'emoji-picker__emoji'}
                aria-label={emoji.label}
                {...props}
                {...oneBased('aria-colindex', props)}
              >
                <span className="emoji">{emoji.emoji}</span>
              </button>
            ),
          }}
        />
      </Picker.Viewport>
    </Picker.Root>
  )
}
