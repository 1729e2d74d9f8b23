import type { ReactNode } from 'react'
import type { SignIn } from '../api/web-session.js'

export type SignedOutReason = Exclude<SignIn['kind'], 'signed-in'>

const TITLES: Readonly<Record<SignedOutReason, string>> = {
  missing: 'Open Parley from its link',
  used: 'This link was already used',
  invalid: 'This link does not work',
  ended: 'This browser is signed out',
  unreachable: 'Parley does not answer',
}

function Explanation({ reason }: { readonly reason: SignedOutReason }): ReactNode {
  switch (reason) {
    case 'missing':
      return (
        <p>
          This page needs a link printed by <code className="mono">parley web</code>.
        </p>
      )
    case 'used':
      return (
        <>
          <p>
            Each link signs in one browser, once, so that nobody who sees it later can use it. It has opened Parley
            somewhere already.
          </p>
          <p className="muted">
            If that was not you, someone else may have it: stop <code className="mono">parley web</code> and start it
            again, which signs every browser out.
          </p>
        </>
      )
    case 'invalid':
      return (
        <p>
          It is not a link of the Parley running now: links stop working when Parley restarts, and a link copied without
          its end does not work either.
        </p>
      )
    case 'ended':
      return <p>Parley was restarted, or this browser was signed out because several others signed in after it.</p>
    case 'unreachable':
      return <p>The Parley that served this page did not answer. Check that it still runs, then reload this page.</p>
  }
}

/** Shown by the web host's page when this browser has no session: we cannot talk to the core. */
export function SignedOutScreen({ reason }: { readonly reason: SignedOutReason }): ReactNode {
  return (
    <main className="gate">
      <div className="gate__card card">
        <h1 className="gate__title">{TITLES[reason]}</h1>
        <Explanation reason={reason} />
        {reason !== 'unreachable' && (
          <p className="muted" data-testid="new-link-help">
            To get a new link, press Enter in the terminal where <code className="mono">parley web</code> runs, or run{' '}
            <code className="mono">parley web --new-link --data-dir …</code> with its data folder. Copy the whole link,
            including the part after <code>#</code>, and open it in this browser.
          </p>
        )}
      </div>
    </main>
  )
}
