import { useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import {
  profileFieldsSchema,
  type ProfileTextField,
  type ProfileVisibilityField,
  type Visibility,
} from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { describeError } from '../lib/describe-error.js'
import { NO_FIELD_ERRORS, fieldErrorsOf, focusFirstInvalid, type FieldErrors } from '../lib/field-errors.js'
import { AvatarEditor } from './AvatarEditor.js'
import { isDirty, type ProfileDraft } from './profile-draft.js'
import { FIELD_GROUPS } from './profile-labels.js'
import { ProfileFieldRow } from './ProfileFieldRow.js'
import { ProfilePreview } from './ProfilePreview.js'
import { useProfileEditor } from './use-profile-editor.js'

type SaveOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved' }
  | { readonly kind: 'failed'; readonly message: string }

/** The Profile screen: every field with who may see it, the picture, and a preview of what contacts get. */
export function ProfileScreen(): ReactNode {
  const client = useClient()
  const editor = useProfileEditor()
  const { profile, draft, dispatch } = editor
  const form = useRef<HTMLFormElement>(null)
  const [errors, setErrors] = useState<FieldErrors>(NO_FIELD_ERRORS)
  const [outcome, setOutcome] = useState<SaveOutcome>({ kind: 'idle' })
  const saving = outcome.kind === 'saving'
  const dirty = isDirty(editor)

  const showErrors = (next: FieldErrors): void => {
    flushSync(() => {
      setErrors(next)
    })
    focusFirstInvalid(form.current)
  }

  const edit = (next: ProfileDraft, field?: ProfileTextField): void => {
    dispatch({ type: 'edited', draft: next })
    if (outcome.kind === 'saved' || outcome.kind === 'failed') {
      setOutcome({ kind: 'idle' })
    }
    if (field !== undefined && field in errors) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field)))
    }
  }

  const setField = (field: ProfileTextField, value: string): void => {
    if (draft !== undefined) {
      edit({ ...draft, fields: { ...draft.fields, [field]: value } }, field)
    }
  }

  const setVisibility = (field: ProfileVisibilityField, value: Visibility): void => {
    if (draft !== undefined) {
      edit({ ...draft, visibility: { ...draft.visibility, [field]: value } })
    }
  }

  const save = async (current: ProfileDraft): Promise<void> => {
    // the contract's own schema: the same messages the core would send, without the round trip
    const checked = profileFieldsSchema.safeParse(current.fields)
    if (!checked.success) {
      setOutcome({ kind: 'idle' })
      showErrors(fieldErrorsOf(checked.error.issues))
      return
    }
    setErrors(NO_FIELD_ERRORS)
    setOutcome({ kind: 'saving' })
    const result = await client.invoke('updateProfile', { fields: checked.data, visibility: current.visibility })
    if (result.ok) {
      dispatch({ type: 'saved', profile: result.value })
      setOutcome({ kind: 'saved' })
    } else if (result.error.fields !== undefined) {
      setOutcome({ kind: 'idle' })
      showErrors(result.error.fields)
    } else {
      setOutcome({ kind: 'failed', message: describeError(result.error) })
    }
  }

  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title" tabIndex={-1}>
          Profile
        </h1>
        <p className="summary">What your contacts may know about you. Choose who sees each part.</p>
      </header>
      {editor.error !== undefined && (
        <div role="alert" className="notice notice--error">
          Could not load your profile: {editor.error}{' '}
          <button type="button" className="button button--small" onClick={editor.reload}>
            Retry
          </button>
        </div>
      )}
      {profile === undefined || draft === undefined ? (
        editor.error === undefined && <p className="muted">Loading your profile…</p>
      ) : (
        <div className="profile-layout">
          <form
            ref={form}
            className="card profile-form"
            aria-label="Edit your profile"
            aria-busy={saving}
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              if (!saving) {
                void save(draft)
              }
            }}
          >
            <AvatarEditor
              avatar={profile.avatar}
              name={draft.fields.displayName === '' ? profile.username : draft.fields.displayName}
              visibility={draft.visibility.avatar}
              onVisibilityChange={(value) => {
                setVisibility('avatar', value)
              }}
              onChanged={(next) => {
                dispatch({ type: 'loaded', profile: next })
              }}
            />
            <div className="form-field">
              <label htmlFor="profile-username" className="form-field__label">
                Username
              </label>
              <input
                id="profile-username"
                className="input input--readonly"
                value={profile.username}
                readOnly
                aria-describedby="profile-username-hint"
              />
              <p id="profile-username-hint" className="form-field__hint">
                Your username cannot be changed. Contacts always see it.
              </p>
            </div>
            <p className="profile-form__legend muted">
              Beside each field: who sees it. <strong>Contacts</strong> receive it, signed; <strong>Nobody</strong>{' '}
              keeps it on this device.
            </p>
            {FIELD_GROUPS.map((group) => (
              <fieldset key={group.title} className="profile-form__group">
                <legend className="profile-form__group-title">{group.title}</legend>
                {group.fields.map((field) => (
                  <ProfileFieldRow
                    key={field}
                    field={field}
                    value={draft.fields[field]}
                    visibility={draft.visibility[field]}
                    error={errors[field]}
                    disabled={saving}
                    onChange={(value) => {
                      setField(field, value)
                    }}
                    onVisibilityChange={(value) => {
                      setVisibility(field, value)
                    }}
                  />
                ))}
              </fieldset>
            ))}
            {outcome.kind === 'failed' && (
              <p role="alert" className="notice notice--error">
                Could not save the profile: {outcome.message}
              </p>
            )}
            <div className="form__actions form__actions--sticky">
              <button type="submit" className="button button--primary" disabled={saving}>
                {saving ? 'Saving…' : 'Save profile'}
              </button>
              {dirty && !saving && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    dispatch({ type: 'discarded' })
                    setErrors(NO_FIELD_ERRORS)
                  }}
                >
                  Discard changes
                </button>
              )}
              {outcome.kind === 'saved' && (
                <span role="status" className="form__done">
                  Profile saved
                </span>
              )}
              {dirty && outcome.kind === 'idle' && <span className="muted">Unsaved changes</span>}
            </div>
          </form>
          <ProfilePreview version={profile.version} />
        </div>
      )}
    </div>
  )
}
