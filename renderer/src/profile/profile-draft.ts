import {
  PROFILE_TEXT_FIELDS,
  PROFILE_VISIBILITY_FIELDS,
  type Profile,
  type ProfileFields,
  type ProfileVisibility,
} from '../../../src/api/index.js'

/** What the form edits: the text fields and who sees each one. The picture is saved on its own. */
export interface ProfileDraft {
  readonly fields: ProfileFields
  readonly visibility: ProfileVisibility
}

export interface ProfileEditorState {
  /** The last profile the core confirmed. */
  readonly profile: Profile | undefined
  /** The form's values; equal to the profile's until the person edits. */
  readonly draft: ProfileDraft | undefined
}

export type ProfileEditorAction =
  /** Fetched, or pushed by `profileUpdated` (another tab, a new picture). */
  | { readonly type: 'loaded'; readonly profile: Profile }
  /** Our own save went through: the form shows what was stored. */
  | { readonly type: 'saved'; readonly profile: Profile }
  | { readonly type: 'edited'; readonly draft: ProfileDraft }
  | { readonly type: 'discarded' }

export const EMPTY_EDITOR: ProfileEditorState = { profile: undefined, draft: undefined }

export function draftOf(profile: Profile): ProfileDraft {
  return { fields: profile.fields, visibility: profile.visibility }
}

export function sameDraft(a: ProfileDraft, b: ProfileDraft): boolean {
  return (
    PROFILE_TEXT_FIELDS.every((field) => a.fields[field] === b.fields[field]) &&
    PROFILE_VISIBILITY_FIELDS.every((field) => a.visibility[field] === b.visibility[field])
  )
}

export function isDirty(state: ProfileEditorState): boolean {
  return state.profile !== undefined && state.draft !== undefined && !sameDraft(state.draft, draftOf(state.profile))
}

/**
 * A profile that arrives while the person is editing updates what is saved
 * (and the picture) but never overwrites their unsaved edits; an older
 * version than the one we hold is ignored.
 */
export function reduceProfileEditor(state: ProfileEditorState, action: ProfileEditorAction): ProfileEditorState {
  switch (action.type) {
    case 'loaded': {
      if (state.profile !== undefined && action.profile.version < state.profile.version) {
        return state
      }
      const keepEdits = state.draft !== undefined && isDirty(state)
      return { profile: action.profile, draft: keepEdits ? state.draft : draftOf(action.profile) }
    }
    case 'saved':
      return { profile: action.profile, draft: draftOf(action.profile) }
    case 'edited':
      return { ...state, draft: action.draft }
    case 'discarded':
      return state.profile === undefined ? state : { ...state, draft: draftOf(state.profile) }
  }
}
