import { AVATAR_MIME_TYPES, PROFILE_TEXT_FIELDS, type ProfileTextField } from '../../../src/api/index.js'

/** The part of a signed profile document the preview shows. */
export interface ContactView {
  readonly username: string
  readonly fields: Partial<Record<ProfileTextField, string>>
  readonly avatar: { readonly mime: string; readonly data: string } | undefined
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Read the document contacts would receive; anything unexpected is left out, nothing throws. */
export function parseContactView(document: string): ContactView | undefined {
  let json: unknown
  try {
    json = JSON.parse(document)
  } catch {
    return undefined
  }
  if (!isRecord(json) || typeof json.username !== 'string') {
    return undefined
  }
  const source = isRecord(json.fields) ? json.fields : {}
  const fields: Partial<Record<ProfileTextField, string>> = {}
  for (const field of PROFILE_TEXT_FIELDS) {
    const value = source[field]
    if (typeof value === 'string' && value !== '') {
      fields[field] = value
    }
  }
  const avatar = json.avatar
  const picture =
    isRecord(avatar) &&
    typeof avatar.mime === 'string' &&
    (AVATAR_MIME_TYPES as readonly string[]).includes(avatar.mime) &&
    typeof avatar.data === 'string' &&
    BASE64.test(avatar.data)
      ? { mime: avatar.mime, data: avatar.data }
      : undefined
  return { username: json.username, fields, avatar: picture }
}
