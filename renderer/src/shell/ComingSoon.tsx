import type { ReactNode } from 'react'
import { Screen } from '../components/Screen.js'

export interface ComingSoonProps {
  readonly title: string
  readonly description: string
}

/** A screen that a later version fills in. */
export function ComingSoon({ title, description }: ComingSoonProps): ReactNode {
  return (
    <Screen title={title}>
      <div className="card placeholder">
        <p className="placeholder__tag">Coming soon</p>
        <p className="muted">{description}</p>
      </div>
    </Screen>
  )
}
