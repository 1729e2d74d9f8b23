import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { MessageState } from '../../../src/api/index.js'
import { stateLabel } from './chat-format.js'

function Glyph({ state }: { readonly state: MessageState }): ReactNode {
  switch (state) {
    case 'sending':
      return (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 4.5V8l2.4 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      )
    case 'delivered':
      return (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </svg>
      )
    case 'read':
      return (
        <svg viewBox="0 0 20 16" width="18" height="14" aria-hidden="true">
          <path d="M1.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
          <path d="M9 11.5l.5.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </svg>
      )
    case 'failed':
      return (
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M8 4v5" stroke="var(--surface)" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="11.6" r="1" fill="var(--surface)" />
        </svg>
      )
  }
}

/** Where one of our messages is: a clock, ✓, ✓✓ or !, labelled for screen readers and on hover. */
export function StatusTick({ state }: { readonly state: MessageState }): ReactNode {
  useTranslation()
  const label = stateLabel(state)
  return (
    <span className={`tick tick--${state}`} role="img" aria-label={label} title={label}>
      <Glyph state={state} />
    </span>
  )
}

/** A bell with a line through it. */
export function MutedIcon(): ReactNode {
  const { t } = useTranslation()
  return (
    <span className="muted-icon" role="img" aria-label={t('chats.mute.muted')} title={t('chats.mute.muted')}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path
          d="M4 11V7.5a4 4 0 0 1 6.6-3M12 7.5V11l1 1.2H3L4 11M6.6 13.5a1.5 1.5 0 0 0 2.8 0M2.5 2.5l11 11"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </span>
  )
}
