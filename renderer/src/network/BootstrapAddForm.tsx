import type { ParseKeys } from 'i18next'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EXTRA_BOOTSTRAP_MAX, type Result } from '../../../src/api/index.js'
import { describeError } from '../lib/describe-error.js'
import { checkNodeAddress, type AddressProblem } from './multiaddr.js'

export interface BootstrapAddFormProps {
  /** The addresses added so far. */
  readonly list: readonly string[]
  readonly disabled: boolean
  readonly onAdd: (address: string) => Promise<Result<unknown>>
}

const PROBLEM_TEXT = {
  invalid: 'network.bootstrap.invalid',
  duplicate: 'network.bootstrap.duplicate',
  full: 'network.bootstrap.full',
} as const satisfies Record<AddressProblem, ParseKeys>

/** A field for a friend's node address: checked here first, then by the core (whose error is shown as it says). */
export function BootstrapAddForm({ list, disabled, onAdd }: BootstrapAddFormProps): ReactNode {
  const { t } = useTranslation()
  const [address, setAddress] = useState('')
  const [error, setError] = useState<string | undefined>(undefined)
  const [adding, setAdding] = useState(false)

  const add = async (): Promise<void> => {
    const candidate = address.trim()
    const problem = checkNodeAddress(candidate, list)
    if (problem !== undefined) {
      setError(t(PROBLEM_TEXT[problem], { max: EXTRA_BOOTSTRAP_MAX }))
      return
    }
    setAdding(true)
    setError(undefined)
    const result = await onAdd(candidate)
    setAdding(false)
    if (result.ok) {
      setAddress('')
    } else {
      setError(t('network.bootstrap.failed', { error: describeError(result.error) }))
    }
  }

  return (
    <form
      className="dial-form"
      noValidate
      aria-busy={adding}
      onSubmit={(event) => {
        event.preventDefault()
        if (!adding) void add()
      }}
    >
      <label htmlFor="bootstrap-address" className="dial-form__label">
        {t('network.bootstrap.address')}
      </label>
      <div className="dial-form__row">
        <input
          id="bootstrap-address"
          className="input mono"
          type="text"
          value={address}
          onChange={(event) => {
            setAddress(event.target.value)
          }}
          placeholder="/ip4/203.0.113.7/tcp/4001/p2p/12D3KooW…"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={
            error === undefined ? 'bootstrap-address-hint' : 'bootstrap-address-hint bootstrap-address-error'
          }
          aria-invalid={error !== undefined}
        />
        <button type="submit" className="button" disabled={adding || disabled}>
          {adding ? t('network.bootstrap.adding') : t('network.bootstrap.add')}
        </button>
      </div>
      <p id="bootstrap-address-hint" className="muted">
        {t('network.bootstrap.addHint')}
      </p>
      {error !== undefined && (
        <p id="bootstrap-address-error" role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </form>
  )
}
