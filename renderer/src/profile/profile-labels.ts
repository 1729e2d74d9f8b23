import type { ProfileTextField, ProfileVisibilityField, Visibility } from '../../../src/api/index.js'

/** The label of each profile field: on screen, in the preview, and as the inputs' accessible names. */
export const FIELD_LABELS: Readonly<Record<ProfileTextField, string>> = {
  displayName: 'Display name',
  country: 'Country',
  region: 'State or region',
  town: 'Town',
  gender: 'Gender',
  birthday: 'Birthday',
  email: 'Email',
  web: 'Web page',
  about: 'How do you describe yourself',
}

export const VISIBILITY_SUBJECTS: Readonly<Record<ProfileVisibilityField, string>> = {
  ...FIELD_LABELS,
  avatar: 'Picture',
}

export const VISIBILITY_OPTIONS: readonly { readonly value: Visibility; readonly label: string }[] = [
  { value: 'contacts', label: 'Contacts' },
  { value: 'nobody', label: 'Nobody' },
]

/** The form's sections, in order. */
export const FIELD_GROUPS: readonly { readonly title: string; readonly fields: readonly ProfileTextField[] }[] = [
  { title: 'About you', fields: ['displayName', 'about', 'gender', 'birthday'] },
  { title: 'Where you live', fields: ['country', 'region', 'town'] },
  { title: 'How to reach you', fields: ['email', 'web'] },
]
