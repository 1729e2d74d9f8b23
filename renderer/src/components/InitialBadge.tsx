import type { ReactNode } from 'react'

export interface InitialBadgeProps {
  readonly name: string
  readonly size?: 'small' | 'large'
}

/** A round badge with a name's first letter, where there is no picture. Decorative. */
export function InitialBadge({ name, size = 'small' }: InitialBadgeProps): ReactNode {
  const first = new Intl.Segmenter().segment(name.trim())[Symbol.iterator]().next()
  const initial = first.done === true ? '?' : first.value.segment.toLocaleUpperCase()
  return (
    <span className={`initial-badge initial-badge--${size}`} aria-hidden="true">
      {initial}
    </span>
  )
}
