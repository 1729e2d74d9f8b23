import { useState, type ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import {
  profileFieldsSchema,
  type ProfileTextField,
  type ProfileVisibilityField,
  type Visibility,
} from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Form } from '../components/Form.js'
import { FormActions } from '../components/FormActions.js'
import { LoadError, Notice } from '../components/Notice.js'
import { Screen } from '../components/Screen.js'
import { fieldErrorsOf } from '../lib/field-errors.js'
import { useFieldErrors } from '../lib/use-field-errors.js'
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
  const { t } = useTranslation()
  const client = useClient()
  const editor = useProfileEditor()
  const { profile, draft, dispatch } = editor
  const fieldErrors = useFieldErrors()
  const { errors, show: showErrors } = fieldErrors
  const [outcome, setOutcome] = useState<SaveOutcome>({ kind: 'idle' })
  const saving = outcome.kind === 'saving'
  const dirty = isDirty(editor)

  const edit = (next: ProfileDraft, field?: ProfileTextField): void => {
    dispatch({ type: 'edited', draft: next })
    if (outcome.kind === 'saved' || outcome.kind === 'failed') {
      setOutcome({ kind: 'idle' })
    }
    if (field !== undefined) {
      fieldErrors.clear(field)
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
    fieldErrors.reset()
    setOutcome({ kind: 'saving' })
    const result = await client.invoke('updateProfile', { fields: checked.data, visibility: current.visibility })
    if (result.ok) {
      dispatch({ type: 'saved', profile: result.value })
      setOutcome({ kind: 'saved' })
    } else {
      const message = fieldErrors.showFailure(result.error)
      setOutcome(message === undefined ? { kind: 'idle' } : { kind: 'failed', message })
    }
  }

  return (
    <Screen title={t('common.nav.profile')} aside={<p className="summary">{t('profile.summary')}</p>}>
      {editor.error !== undefined && (
        <LoadError what={t('profile.profileWhat')} error={editor.error} onRetry={editor.reload} />
      )}
      {profile === undefined || draft === undefined ? (
        editor.error === undefined && <p className="muted">{t('profile.loading')}</p>
      ) : (
        <div className="profile-layout">
          <Form
            formRef={fieldErrors.form}
            className="card profile-form"
            label={t('profile.form')}
            busy={saving}
            onSubmit={() => void save(draft)}
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
                {t('profile.username')}
              </label>
              <input
                id="profile-username"
                className="input input--readonly"
                value={profile.username}
                readOnly
                aria-describedby="profile-username-hint"
              />
              <p id="profile-username-hint" className="form-field__hint">
                {t('profile.usernameHint')}
              </p>
            </div>
            <p className="profile-form__legend muted">
              <Trans i18nKey="profile.legend" components={{ strong: <strong /> }} />
            </p>
            {FIELD_GROUPS.map((group) => (
              <fieldset key={group.title} className="profile-form__group">
                <legend className="profile-form__group-title">{t(group.title)}</legend>
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
              <Notice tone="error">{t('profile.saveFailed', { error: outcome.message })}</Notice>
            )}
            <FormActions
              submit={t('profile.save')}
              busyText={t('profile.saving')}
              busy={saving}
              className="form__actions form__actions--sticky"
            >
              {dirty && !saving && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    dispatch({ type: 'discarded' })
                    fieldErrors.reset()
                  }}
                >
                  {t('profile.discard')}
                </button>
              )}
              {outcome.kind === 'saved' && (
                <span role="status" className="form__done">
                  {t('profile.saved')}
                </span>
              )}
              {dirty && outcome.kind === 'idle' && <span className="muted">{t('profile.unsaved')}</span>}
            </FormActions>
          </Form>
          <ProfilePreview version={profile.version} />
        </div>
      )}
    </Screen>
  )
}
