import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Avatar, Profile, Visibility } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { InitialBadge } from '../components/InitialBadge.js'
import { describedByIds } from '../components/TextField.js'
import { coreText } from '../lib/core-text.js'
import { describeError } from '../lib/describe-error.js'
import { AVATAR_SIZE, AvatarError, avatarUrl, makeAvatar } from './resize-avatar.js'
import { VisibilitySelect } from './VisibilitySelect.js'

export interface AvatarEditorProps {
  readonly avatar: Avatar | null
  readonly name: string
  readonly visibility: Visibility
  readonly onVisibilityChange: (value: Visibility) => void
  /** The profile the core returned after the picture changed. */
  readonly onChanged: (profile: Profile) => void
}

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly what: string }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string }

/** The picture: chosen, shrunk to a small JPEG here in the renderer, saved at once. */
export function AvatarEditor({
  avatar,
  name,
  visibility,
  onVisibilityChange,
  onChanged,
}: AvatarEditorProps): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  /** Changing the key empties the file input, so choosing the same file again works. */
  const [inputKey, setInputKey] = useState(0)
  const working = outcome.kind === 'working'

  const save = async (next: Avatar | null, done: string): Promise<void> => {
    const result = await client.invoke('setAvatar', { avatar: next })
    if (result.ok) {
      onChanged(result.value)
      setOutcome({ kind: 'done', message: done })
    } else {
      setOutcome({ kind: 'failed', message: coreText(result.error.fields?.avatar ?? describeError(result.error)) })
    }
  }

  const choose = async (file: File): Promise<void> => {
    setOutcome({ kind: 'working', what: t('profile.avatar.preparing') })
    let next: Avatar
    try {
      next = await makeAvatar(file)
    } catch (err) {
      setOutcome({
        kind: 'failed',
        message: err instanceof AvatarError ? err.message : t('errors.avatar.unreadable'),
      })
      return
    }
    setOutcome({ kind: 'working', what: t('profile.avatar.saving') })
    await save(next, t('profile.avatar.updated'))
  }

  return (
    <div className="avatar-editor">
      <div className="avatar-editor__image">
        {avatar === null ? (
          <InitialBadge name={name} size="large" />
        ) : (
          <img
            className="avatar avatar--large"
            src={avatarUrl(avatar)}
            alt={t('profile.avatar.alt')}
            width={avatar.width}
            height={avatar.height}
          />
        )}
      </div>
      <div className="avatar-editor__controls">
        <div className="form-field">
          <label htmlFor="profile-avatar" className="form-field__label">
            {t('profile.avatar.label')}
          </label>
          <div className="form-field__control">
            <input
              key={inputKey}
              id="profile-avatar"
              className="file-input"
              type="file"
              accept="image/*"
              disabled={working}
              aria-invalid={outcome.kind === 'failed'}
              aria-describedby={describedByIds(
                'profile-avatar-hint',
                outcome.kind === 'failed' && 'profile-avatar-error',
              )}
              onChange={(event) => {
                const file = event.target.files?.[0]
                setInputKey((key) => key + 1)
                if (file !== undefined) {
                  void choose(file)
                }
              }}
            />
            <VisibilitySelect
              id="profile-avatar-visibility"
              subject={t('profile.fields.avatar')}
              value={visibility}
              onChange={onVisibilityChange}
            />
          </div>
          <p id="profile-avatar-hint" className="form-field__hint">
            {t('profile.avatar.hint', { size: AVATAR_SIZE })}
          </p>
          {outcome.kind === 'failed' && (
            <p id="profile-avatar-error" role="alert" className="form-field__error">
              {outcome.message}
            </p>
          )}
        </div>
        <div className="avatar-editor__actions">
          {avatar !== null && (
            <button
              type="button"
              className="button button--small button--danger"
              disabled={working}
              onClick={() => {
                setOutcome({ kind: 'working', what: t('profile.avatar.removing') })
                void save(null, t('profile.avatar.removed'))
              }}
            >
              {t('profile.avatar.remove')}
            </button>
          )}
          {outcome.kind === 'working' && <span className="muted">{outcome.what}</span>}
          {outcome.kind === 'done' && (
            <span role="status" className="avatar-editor__done">
              {outcome.message}
            </span>
          )}
        </div>
      </div>
    </div>
  )
}
