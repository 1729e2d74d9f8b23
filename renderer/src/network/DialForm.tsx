import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { commandSchemas, type Result } from '../../../src/api/index.js'
import { coreText } from '../lib/core-text.js'
import { describeError } from '../lib/describe-error.js'

export interface DialFormProps {
  readonly onDial: (multiaddr: string) => Promise<Result<{ readonly peerId: string }>>
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'dialing' }
  | { readonly kind: 'connected'; readonly peerId: string }
  | { readonly kind: 'failed'; readonly message: string }

/** Connect to a peer by its multiaddr (what a friend's "Listen addresses" shows). */
export function DialForm({ onDial }: DialFormProps): ReactNode {
  const { t } = useTranslation()
  const [address, setAddress] = useState('')
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const dialing = outcome.kind === 'dialing'

  const dial = async (): Promise<void> => {
    const multiaddr = address.trim()
    // The contract's own schema: the same rule the host applies, without a round trip.
    const checked = commandSchemas.dialPeer.safeParse({ multiaddr })
    if (!checked.success) {
      setOutcome({ kind: 'failed', message: coreText(checked.error.issues[0]?.message ?? t('network.dial.invalid')) })
      return
    }
    setOutcome({ kind: 'dialing' })
    const result = await onDial(multiaddr)
    if (result.ok) {
      setAddress('')
      setOutcome({ kind: 'connected', peerId: result.value.peerId })
    } else {
      setOutcome({ kind: 'failed', message: describeError(result.error) })
    }
  }

  return (
    <section className="card" aria-labelledby="dial-heading">
      <h2 id="dial-heading" className="card__title">
        {t('network.dial.title')}
      </h2>
      <form
        className="dial-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (!dialing) {
            void dial()
          }
        }}
        aria-busy={dialing}
        noValidate
      >
        <label htmlFor="dial-address" className="dial-form__label">
          {t('network.dial.address')}
        </label>
        <div className="dial-form__row">
          <input
            id="dial-address"
            className="input mono"
            type="text"
            value={address}
            onChange={(event) => {
              setAddress(event.target.value)
            }}
            placeholder="/ip4/192.168.1.5/tcp/4001/p2p/12D3KooW…"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="dial-address-hint"
            aria-invalid={outcome.kind === 'failed'}
          />
          <button type="submit" className="button button--primary" disabled={dialing}>
            {t('network.dial.connect')}
          </button>
        </div>
        <p id="dial-address-hint" className="muted">
          {dialing ? t('network.dial.connecting') : t('network.dial.hint')}
        </p>
      </form>
      {outcome.kind === 'failed' && (
        <p role="alert" className="notice notice--error">
          {t('network.dial.failed', { error: outcome.message })}
        </p>
      )}
      {outcome.kind === 'connected' && (
        <p role="status" className="notice notice--success">
          {t('network.dial.connected', { peerId: outcome.peerId })}
        </p>
      )}
    </section>
  )
}
