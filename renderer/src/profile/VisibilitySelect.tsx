import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Visibility } from '../../../src/api/index.js'
import { VISIBILITY_VALUES, visibilityLabel } from './profile-labels.js'

export interface VisibilitySelectProps {
  readonly id: string
  /** What the choice is about, e.g. "Email": the label reads "Email visible to". */
  readonly subject: string
  readonly value: Visibility
  readonly onChange: (value: Visibility) => void
  readonly disabled?: boolean
}

function isVisibility(value: string): value is Visibility {
  return (VISIBILITY_VALUES as readonly string[]).includes(value)
}

/** Who sees one field: contacts or nobody. */
export function VisibilitySelect({ id, subject, value, onChange, disabled = false }: VisibilitySelectProps): ReactNode {
  const { t } = useTranslation()
  return (
    <span className={`visibility visibility--${value}`}>
      <label htmlFor={id} className="visually-hidden">
        {t('profile.visibleTo', { subject })}
      </label>
      <svg
        className="visibility__icon"
        viewBox="0 0 24 24"
        width="16"
        height="16"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        {value === 'contacts' ? (
          <>
            <path d="M1 12s4-8 11-8 11 8 11 8-4 8-11 8-11-8-11-8z" />
            <circle cx="12" cy="12" r="3" />
          </>
        ) : (
          <>
            <rect x="3" y="11" width="18" height="11" rx="2" ry="2" />
            <path d="M7 11V7a5 5 0 0 1 10 0v4" />
          </>
        )}
      </svg>
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        onChange={(event) => {
          if (isVisibility(event.target.value)) {
            onChange(event.target.value)
          }
        }}
      >
        {VISIBILITY_VALUES.map((option) => (
          <option key={option} value={option}>
            {visibilityLabel(option)}
          </option>
        ))}
      </select>
    </span>
  )
}
