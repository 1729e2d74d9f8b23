import type { ReactNode } from 'react'

export interface ScreenProps {
  /** The h1; the shell moves the focus to it when the screen opens. */
  readonly title: string
  /** Beside the title: a summary line, a button. */
  readonly aside?: ReactNode
  /** Above the title: a way back. */
  readonly before?: ReactNode
  readonly children: ReactNode
}

/** One screen of the main pane: its title, then its content. */
export function Screen({ title, aside, before, children }: ScreenProps): ReactNode {
  return (
    <div className="screen">
      {before}
      <header className="screen__header">
        <h1 className="screen__title" tabIndex={-1}>
          {title}
        </h1>
        {aside}
      </header>
      {children}
    </div>
  )
}
