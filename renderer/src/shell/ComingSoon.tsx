import type { ReactNode } from 'react'

export interface ComingSoonProps {
  readonly title: string
  readonly description: string
}

/** A screen that a later version fills in. */
export function ComingSoon({ title, description }: ComingSoonProps): ReactNode {
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title" tabIndex={-1}>
          {title}
        </h1>
      </header>
      <div className="card placeholder">
        <p className="placeholder__tag">Coming soon</p>
        <p className="muted">{description}</p>
      </div>
    </div>
  )
}
