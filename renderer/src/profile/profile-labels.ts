import type { ParseKeys } from 'i18next'
import type { ProfileTextField, ProfileVisibilityField, Visibility } from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'

/** The label of a profile field: on screen, in the preview, and as the inputs' accessible names. */
export function fieldLabel(field: ProfileVisibilityField): string {
  return i18n.t(`profile.fields.${field}`)
}

export const VISIBILITY_VALUES: readonly Visibility[] = ['contacts', 'nobody']

export function visibilityLabel(value: Visibility): string {
  return i18n.t(`profile.visibility.${value}`)
}

/** The form's sections, in order. */
export const FIELD_GROUPS: readonly { readonly title: ParseKeys; readonly fields: readonly ProfileTextField[] }[] = [
  { title: 'profile.groups.about', fields: ['displayName', 'about', 'gender', 'birthday'] },
  { title: 'profile.groups.place', fields: ['country', 'region', 'town'] },
  { title: 'profile.groups.reach', fields: ['email', 'web'] },
]
