import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../api/client-context.js'
import { i18n } from '../i18n/i18n.js'
import { describeError } from '../lib/describe-error.js'
import { parseContactView, type ContactView } from './contact-view.js'
import { PersonCard } from './PersonCard.js'

export interface ProfilePreviewProps {
  /** The saved profile's version: the preview is fetched again when it changes. */
  readonly version: number
}

type Preview =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly view: ContactView }
  | { readonly kind: 'failed'; readonly message: string }

/** Exactly what contacts receive (the signed document), shown as they would see it. */
export function ProfilePreview({ version }: ProfilePreviewProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' })

  useEffect(() => {
    let current = true
    void client.invoke('getProfileDocument', {}).then((result) => {
      if (!current) {
        return
      }
      if (!result.ok) {
        setPreview({ kind: 'failed', message: describeError(result.error) })
        return
      }
      const view = parseContactView(result.value.document)
      setPreview(
        view === undefined
          ? { kind: 'failed', message: i18n.t('profile.preview.unreadable') }
          : { kind: 'ready', view },
      )
    })
    return () => {
      current = false
    }
  }, [client, version])

  return (
    <section className="card profile-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="card__title">
        {t('profile.preview.title')}
      </h2>
      <p className="muted">{t('profile.preview.intro')}</p>
      {preview.kind === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {preview.kind === 'failed' && (
        <p role="alert" className="notice notice--error">
          {t('profile.preview.failed', { error: preview.message })}
        </p>
      )}
      {preview.kind === 'ready' && <ContactCard view={preview.view} />}
    </section>
  )
}

function ContactCard({ view }: { readonly view: ContactView }): ReactNode {
  const { t } = useTranslation()
  return (
    <PersonCard
      name={view.fields.displayName ?? view.username}
      username={view.username}
      avatar={view.avatar}
      fields={view.fields}
      empty={view.avatar === undefined ? t('profile.preview.onlyName') : t('profile.preview.onlyNameAndPicture')}
      pictureAlt={t('profile.preview.pictureAlt')}
      testId="contact-preview"
    />
  )
}
