import { useEffect, useState, type ReactNode } from 'react'
import { useClient } from '../api/client-context.js'
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
        view === undefined ? { kind: 'failed', message: 'the document could not be read' } : { kind: 'ready', view },
      )
    })
    return () => {
      current = false
    }
  }, [client, version])

  return (
    <section className="card profile-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading" className="card__title">
        Preview what contacts see
      </h2>
      <p className="muted">
        Your saved profile as your contacts receive it, signed with your identity key. Fields set to “Nobody” and empty
        fields are left out.
      </p>
      {preview.kind === 'loading' && <p className="muted">Loading…</p>}
      {preview.kind === 'failed' && (
        <p role="alert" className="notice notice--error">
          Could not build the preview: {preview.message}
        </p>
      )}
      {preview.kind === 'ready' && <ContactCard view={preview.view} />}
    </section>
  )
}

function ContactCard({ view }: { readonly view: ContactView }): ReactNode {
  return (
    <PersonCard
      name={view.fields.displayName ?? view.username}
      username={view.username}
      avatar={view.avatar}
      fields={view.fields}
      empty={`Nothing else: only your name${view.avatar === undefined ? '' : ' and picture'}.`}
      pictureAlt="Picture contacts see"
      testId="contact-preview"
    />
  )
}
