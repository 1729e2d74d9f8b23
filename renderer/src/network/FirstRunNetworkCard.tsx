import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NetworkMode } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { describeError } from '../lib/describe-error.js'
import { modeLabel } from './network-labels.js'
import { useNetworkSettings } from './use-network-settings.js'

const CHOICES = [
  { mode: 'lan-only', label: 'network.firstRun.lan', text: 'network.firstRun.lanText' },
  { mode: 'internet', label: 'network.firstRun.internet', text: 'network.firstRun.internetText' },
] as const satisfies readonly { readonly mode: NetworkMode; readonly label: string; readonly text: string }[]

/**
 * The first-run question, until it is answered: LAN only, or the internet
 * too. A card among the others, never a modal: everything else keeps working
 * while it waits.
 */
export function FirstRunNetworkCard(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { settings, accept, refresh } = useNetworkSettings()
  const [choosing, setChoosing] = useState<NetworkMode | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  /** The answer given here: a line confirms it (and takes the focus from the button that went away). */
  const [answered, setAnswered] = useState<NetworkMode | undefined>(undefined)
  const confirmation = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (answered !== undefined) confirmation.current?.focus()
  }, [answered])

  if (answered !== undefined) {
    return (
      <p ref={confirmation} tabIndex={-1} className="muted first-run__done" data-testid="first-run-answered">
        {t('network.firstRun.answered', { mode: modeLabel(answered) })}
      </p>
    )
  }
  // unknown (still loading, or an older core without the question) and answered both show nothing
  if (settings?.modeChosen !== false) return null

  const choose = async (mode: NetworkMode): Promise<void> => {
    setChoosing(mode)
    setError(undefined)
    const result = await client.invoke('setNetworkMode', { mode })
    setChoosing(undefined)
    if (result.ok) {
      accept({ ...settings, mode: result.value.mode, modeChosen: true })
      setAnswered(result.value.mode)
      refresh()
    } else {
      setError(t('network.firstRun.failed', { error: describeError(result.error) }))
    }
  }

  return (
    <section className="first-run" aria-labelledby="first-run-heading" data-testid="first-run-network">
      <h2 id="first-run-heading" className="first-run__title">
        {t('network.firstRun.title')}
      </h2>
      <div className="first-run__choices">
        {CHOICES.map((choice) => (
          <div key={choice.mode} className="first-run__choice">
            <button
              type="button"
              className="button first-run__button"
              disabled={choosing !== undefined}
              aria-describedby={`first-run-${choice.mode}-text`}
              onClick={() => void choose(choice.mode)}
            >
              {t(choice.label)}
            </button>
            <p id={`first-run-${choice.mode}-text`} className="first-run__text">
              {t(choice.text)}
            </p>
          </div>
        ))}
      </div>
      <p className="muted first-run__hint" aria-live="polite">
        {choosing === undefined ? t('network.firstRun.hint') : t('network.firstRun.saving')}
      </p>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </section>
  )
}
