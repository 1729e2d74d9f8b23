import type { ReactNode } from 'react'

/** Shown by the web host's page when it has no (or a refused) secret: we cannot talk to the core. */
export function MissingSecretScreen(): ReactNode {
  return (
    <main className="gate">
      <div className="gate__card card">
        <h1 className="gate__title">Open Parley from its link</h1>
        <p>
          This page needs the link printed by <code className="mono">parley web</code> (it contains a one-time secret).
        </p>
        <p className="muted">
          Copy the whole link from the terminal where Parley runs, including the part after <code>#</code>, and open it
          in this browser. The secret changes every time Parley starts.
        </p>
      </div>
    </main>
  )
}
