import { useState, type ReactNode } from 'react'

export interface LockSectionProps {
  readonly onLock: () => Promise<void>
}

export function LockSection({ onLock }: LockSectionProps): ReactNode {
  const [locking, setLocking] = useState(false)
  return (
    <section className="card" aria-labelledby="lock-heading">
      <h2 id="lock-heading" className="card__title">
        Lock
      </h2>
      <p className="muted">
        Locking closes this account: Parley goes offline for it and asks for the password before anyone can open it
        again.
      </p>
      <div className="form__actions">
        <button
          type="button"
          className="button"
          disabled={locking}
          onClick={() => {
            setLocking(true)
            void onLock().finally(() => {
              setLocking(false)
            })
          }}
        >
          Lock now
        </button>
      </div>
    </section>
  )
}
