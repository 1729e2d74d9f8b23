import { z } from 'zod'

/** The profile a person fills in, with the limits every host and the core enforce. */
export const PROFILE_TEXT_FIELDS = [
  'displayName',
  'country',
  'region',
  'town',
  'gender',
  'birthday',
  'email',
  'web',
  'about',
] as const
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number]
export const PROFILE_VISIBILITY_FIELDS = [...PROFILE_TEXT_FIELDS, 'avatar'] as const
export type ProfileVisibilityField = (typeof PROFILE_VISIBILITY_FIELDS)[number]

export const visibilitySchema = z.enum(['contacts', 'nobody'])
export type Visibility = z.infer<typeof visibilitySchema>

export const PROFILE_LIMITS = {
  displayName: 64,
  country: 64,
  region: 64,
  town: 64,
  gender: 64,
  birthday: 10,
  email: 254,
  web: 2048,
  about: 1000,
} as const satisfies Record<ProfileTextField, number>

/**
 * No control characters (they hide text and break layouts) and no bidirectional
 * overrides (they make text read differently from what it is); newlines and
 * tabs only in "about".
 */
export function hasControl(s: string, allowNewlines = false): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    if (allowNewlines && (c === 0x0a || c === 0x09)) continue
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return true
    }
  }
  return false
}

function text(limit: number, label: string, multiline = false): z.ZodString {
  return z
    .string()
    .max(limit, `${label} is at most ${limit} characters`)
    .refine((s) => !hasControl(s, multiline), `${label} contains control characters`)
}

/** A calendar date in the past, not before 1900: what a birthday can be. */
export function isValidBirthday(value: string, today: Date = new Date()): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return real && year >= 1900 && date.getTime() < todayUtc
}

/** Deliberately plain: one @, a dot in the domain, no spaces — the mail client does the rest. */
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/

/** http(s), a dotted host name or IPv4 address, optional port, no credentials, no spaces. */
const WEB = /^https?:\/\/[a-z0-9\u00a1-\uffff-]+(\.[a-z0-9\u00a1-\uffff-]+)+(:\d{1,5})?([/?#][^\s]*)?$/iu

export function isValidWebAddress(value: string): boolean {
  return WEB.test(value)
}

export const profileFieldsSchema = z
  .object({
    displayName: text(PROFILE_LIMITS.displayName, 'Display name').trim().min(1, 'Display name is required'),
    country: text(PROFILE_LIMITS.country, 'Country').trim(),
    region: text(PROFILE_LIMITS.region, 'State or region').trim(),
    town: text(PROFILE_LIMITS.town, 'Town').trim(),
    gender: text(PROFILE_LIMITS.gender, 'Gender').trim(),
    birthday: z
      .string()
      .trim()
      .refine((s) => s === '' || isValidBirthday(s), 'Birthday must be a real date in the past (YYYY-MM-DD)'),
    email: text(PROFILE_LIMITS.email, 'Email')
      .trim()
      .refine((s) => s === '' || EMAIL.test(s), 'Email must look like name@example.org'),
    web: text(PROFILE_LIMITS.web, 'Web page')
      .trim()
      .refine((s) => s === '' || isValidWebAddress(s), 'Web page must be an http:// or https:// address'),
    about: text(PROFILE_LIMITS.about, 'About you', true).trim(),
  })
  .strict()

export type ProfileFields = z.infer<typeof profileFieldsSchema>

export const profileVisibilitySchema = z
  .object(
    Object.fromEntries(PROFILE_VISIBILITY_FIELDS.map((f) => [f, visibilitySchema])) as Record<
      ProfileVisibilityField,
      typeof visibilitySchema
    >,
  )
  .strict()

export type ProfileVisibility = z.infer<typeof profileVisibilitySchema>

/** Avatars are resized and re-encoded in the (sandboxed) renderer, then checked again by the core. */
export const AVATAR_MAX_BYTES = 40 * 1024
export const AVATAR_MAX_DIMENSION = 512
export const AVATAR_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const avatarSchema = z
  .object({
    mime: z.enum(AVATAR_MIME_TYPES),
    /** base64 of the encoded image */
    data: z
      .string()
      .min(1)
      .max(Math.ceil(AVATAR_MAX_BYTES / 3) * 4, `the picture is larger than ${AVATAR_MAX_BYTES / 1024} KiB`),
    width: z.number().int().min(1).max(AVATAR_MAX_DIMENSION),
    height: z.number().int().min(1).max(AVATAR_MAX_DIMENSION),
  })
  .strict()

export type Avatar = z.infer<typeof avatarSchema>

export interface Profile {
  readonly username: string
  readonly fields: ProfileFields
  readonly visibility: ProfileVisibility
  readonly avatar: Avatar | null
  /** Increases with every change; contacts keep the highest they have seen. */
  readonly version: number
  readonly updatedAt: number
}

/** What contacts receive: only fields whose visibility is "contacts", signed by the identity key. */
export interface SignedProfileDocument {
  /** Canonical JSON (sorted keys, no spaces) of the document: exactly the bytes that were signed. */
  readonly document: string
  /** Ed25519 signature (base64) over "parley/profile/v1\0" ‖ document. */
  readonly signature: string
}

export const EMPTY_PROFILE_FIELDS: ProfileFields = {
  displayName: '',
  country: '',
  region: '',
  town: '',
  gender: '',
  birthday: '',
  email: '',
  web: '',
  about: '',
}

/** New profiles show nothing to anyone until the person chooses. */
export const DEFAULT_VISIBILITY: ProfileVisibility = Object.fromEntries(
  PROFILE_VISIBILITY_FIELDS.map((f) => [f, f === 'displayName' || f === 'avatar' ? 'contacts' : 'nobody']),
) as ProfileVisibility

/** The fields as stored and shown: only their lengths are checked again (they were validated on the way in). */
export const storedProfileFieldsSchema = z.object({
  displayName: z.string().max(PROFILE_LIMITS.displayName),
  country: z.string().max(PROFILE_LIMITS.country),
  region: z.string().max(PROFILE_LIMITS.region),
  town: z.string().max(PROFILE_LIMITS.town),
  gender: z.string().max(PROFILE_LIMITS.gender),
  birthday: z.string().max(PROFILE_LIMITS.birthday),
  email: z.string().max(PROFILE_LIMITS.email),
  web: z.string().max(PROFILE_LIMITS.web),
  about: z.string().max(PROFILE_LIMITS.about),
})

export const profileSchema = z.object({
  username: z.string().min(1).max(64),
  fields: storedProfileFieldsSchema,
  visibility: profileVisibilitySchema,
  avatar: avatarSchema.nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: z.number().nonnegative(),
})

/** A signed document holds every field and the picture: it stays well under this. */
export const PROFILE_DOCUMENT_MAX = 128 * 1024

export const signedProfileDocumentSchema = z.object({
  document: z.string().max(PROFILE_DOCUMENT_MAX),
  signature: z.string().max(128),
})
