import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SafetyNumber } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { FileField } from '../components/FileField.js'
import { LoadError, Notice } from '../components/Notice.js'
import { QrCode } from '../components/QrCode.js'
import { Screen } from '../components/Screen.js'
import { describeError } from '../lib/describe-error.js'
import { readQrImage } from '../lib/read-qr-image.js'
import { BackButton } from './BackButton.js'
import { useContactBook } from './contact-book.js'
import { digitGroups } from './contact-labels.js'
import { KeyChangedAlert } from './KeyChangedAlert.js'

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly what: string }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }

/** The 60 digits as a grid of 12 groups; the text between the groups is one space. */
function SafetyDigits({ digits }: { readonly digits: string }): ReactNode {
  const groups = digitGroups(digits)
  return (
    <p className="safety-digits mono" data-testid="safety-number">
      {groups.map((group, index) => (
        <span key={index} className="safety-digits__group">
          {group}
          {index < groups.length - 1 ? ' ' : ''}
        </span>
      ))}
    </p>
  )
}

/** Compare the safety number with a contact: read it aloud, or scan their code; then mark them verified. */
export function SafetyNumberScreen({ peerId }: { readonly peerId: string }): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { contacts } = useContactBook()
  const contact = contacts?.find((known) => known.peerId === peerId)
  const name = contact?.name ?? t('contacts.thisContact')
  const [number, setNumber] = useState<SafetyNumber | undefined>(undefined)
  const [loadError, setLoadError] = useState<string | undefined>(undefined)
  const [attempt, setAttempt] = useState(0)
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const working = outcome.kind === 'working'

  // fetched again when the contact's keys or verification change under us
  useEffect(() => {
    let current = true
    void client.invoke('getSafetyNumber', { peerId }).then((result) => {
      if (!current) {
        return
      }
      if (result.ok) {
        setNumber(result.value)
        setLoadError(undefined)
      } else {
        setLoadError(describeError(result.error))
      }
    })
    return () => {
      current = false
    }
  }, [client, peerId, contact?.keyChanged, contact?.verified, attempt])

  const change = async (verify: boolean, scannedPayload?: string): Promise<void> => {
    const result = verify
      ? await client.invoke('verifyContact', scannedPayload === undefined ? { peerId } : { peerId, scannedPayload })
      : await client.invoke('unverifyContact', { peerId })
    if (!result.ok) {
      setOutcome({ kind: 'failed', message: describeError(result.error) })
      return
    }
    setNumber(result.value)
    const message = !verify
      ? t('contacts.safety.cleared')
      : scannedPayload === undefined
        ? t('contacts.safety.marked', { name })
        : t('contacts.safety.matched', { name })
    setOutcome({ kind: 'done', message })
  }

  const scan = async (file: File): Promise<void> => {
    setOutcome({ kind: 'working', what: t('contacts.safety.reading') })
    const read = await readQrImage(file)
    if (!read.ok) {
      setOutcome({ kind: 'failed', message: read.message })
      return
    }
    setOutcome({ kind: 'working', what: t('contacts.safety.comparing') })
    await change(true, read.text)
  }

  const keyChanged = number?.keyChanged ?? contact?.keyChanged ?? false
  return (
    <Screen
      title={t('contacts.safety.title', { name })}
      before={<BackButton label={t('contacts.backTo', { name })} to={{ kind: 'contact', peerId }} />}
    >
      {keyChanged && <KeyChangedAlert name={name} />}
      {loadError !== undefined && (
        <LoadError
          what={t('contacts.safety.numberWhat')}
          error={loadError}
          onRetry={() => {
            setAttempt((n) => n + 1)
          }}
        />
      )}
      {number === undefined ? (
        loadError === undefined && <p className="muted">{t('contacts.safety.loading')}</p>
      ) : (
        <div className="safety-layout">
          <section className="card safety" aria-labelledby="safety-compare-heading">
            <h2 id="safety-compare-heading" className="card__title">
              {t('contacts.safety.compare')}
            </h2>
            <p>{t('contacts.safety.compareText', { name })}</p>
            <SafetyDigits digits={number.digits} />
            <figure className="safety__qr">
              <QrCode text={number.qrPayload} label={t('contacts.safety.qr')} size={200} />
              <figcaption className="muted">{t('contacts.safety.qrCaption', { name })}</figcaption>
            </figure>
          </section>
          <section className="card safety" aria-labelledby="safety-verify-heading">
            <h2 id="safety-verify-heading" className="card__title">
              {t('contacts.safety.verification')}
            </h2>
            <p className="safety__state">
              {number.verified ? (
                <>
                  <span className="badge badge--verified">{t('contacts.verified')}</span>{' '}
                  {t('contacts.safety.checked', { name })}
                </>
              ) : (
                t('contacts.safety.notChecked', { name })
              )}
            </p>
            <div className="form__actions">
              {number.verified ? (
                <button type="button" className="button" disabled={working} onClick={() => void change(false)}>
                  {t('contacts.safety.clear')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--primary"
                  disabled={working}
                  onClick={() => void change(true)}
                >
                  {t('contacts.safety.mark')}
                </button>
              )}
            </div>
            <FileField
              id="safety-scan"
              label={t('contacts.safety.scan')}
              accept="image/*"
              disabled={working}
              hint={t('contacts.safety.scanHint', { name })}
              onFile={(file) => void scan(file)}
            />
            {outcome.kind === 'working' && (
              <p role="status" className="muted">
                {outcome.what}
              </p>
            )}
            {outcome.kind === 'failed' && <Notice tone="error">{outcome.message}</Notice>}
            {outcome.kind === 'done' && <Notice tone="success">{outcome.message}</Notice>}
          </section>
        </div>
      )}
    </Screen>
  )
}
