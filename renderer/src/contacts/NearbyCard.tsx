import { useState, type ReactNode } from 'react'
import type { NearbyPeer } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { InitialBadge } from '../components/InitialBadge.js'
import { LoadError, Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'
import { useNearby } from './use-nearby.js'

/** One person nearby, and the way to ask them to be a contact. */
function NearbyRow({ peer }: { readonly peer: NearbyPeer }): ReactNode {
  const client = useClient()
  const [state, setState] = useState<'idle' | 'working' | 'sent'>('idle')
  const [failure, setFailure] = useState<string | undefined>(undefined)

  const add = async (): Promise<void> => {
    setState('working')
    setFailure(undefined)
    const result = await client.invoke('addNearby', { peerId: peer.peerId })
    if (result.ok) {
      setState('sent')
    } else {
      setState('idle')
      setFailure(describeError(result.error))
    }
  }

  return (
    <li className="nearby-row" data-peer-id={peer.peerId}>
      <InitialBadge name={peer.displayName} />
      <span className="nearby-row__text">
        <span className="contact-row__name">{peer.displayName}</span>{' '}
        <span className="mono mono--small muted">{peer.fingerprint}</span>
      </span>{' '}
      {peer.isContact ? (
        <span className="muted">already a contact</span>
      ) : state === 'sent' ? (
        <span role="status" className="badge badge--sent">
          Request sent
        </span>
      ) : (
        <button
          type="button"
          className="button button--small"
          aria-label={`Add ${peer.displayName}`}
          disabled={state === 'working'}
          onClick={() => void add()}
        >
          Add
        </button>
      )}
      {failure !== undefined && <Notice tone="error">Could not send the request: {failure}</Notice>}
    </li>
  )
}

/** People on the same LAN who chose to be visible; and whether we are. */
export function NearbyCard(): ReactNode {
  const { visible, nearby, error, reload, setVisible } = useNearby()
  /** The choice being switched to: shown at once, while the core takes it. */
  const [switchingTo, setSwitchingTo] = useState<boolean | undefined>(undefined)
  const [switchError, setSwitchError] = useState<string | undefined>(undefined)

  const toggle = async (next: boolean): Promise<void> => {
    setSwitchingTo(next)
    setSwitchError(await setVisible(next))
    setSwitchingTo(undefined)
  }

  return (
    <section className="card nearby" aria-labelledby="nearby-heading">
      <h2 id="nearby-heading" className="card__title">
        Nearby
      </h2>
      <div className="check">
        <input
          id="nearby-visible"
          type="checkbox"
          role="switch"
          checked={switchingTo ?? visible ?? false}
          disabled={visible === undefined || switchingTo !== undefined}
          aria-describedby="nearby-visible-hint"
          onChange={(event) => void toggle(event.target.checked)}
        />
        <label htmlFor="nearby-visible" className="check__label">
          Visible to nearby people
        </label>
        <p id="nearby-visible-hint" className="check__hint">
          While on, people running Parley on this local network see your display name and a short fingerprint, and can
          ask to be your contact. Nothing is shown beyond this LAN. Off by default.
        </p>
      </div>
      {switchError !== undefined && <Notice tone="error">Could not change it: {switchError}</Notice>}
      {error !== undefined && <LoadError what="who is nearby" error={error} onRetry={reload} />}
      {nearby?.length === 0 && (
        <p className="muted">Nobody visible nearby right now. People appear here when they turn this on too.</p>
      )}
      <ul className="nearby-list" aria-label="Nearby">
        {(nearby ?? []).map((peer) => (
          <NearbyRow key={peer.peerId} peer={peer} />
        ))}
      </ul>
    </section>
  )
}
