import { z } from 'zod'
import {
  DEFAULT_VISIBILITY,
  EMPTY_PROFILE_FIELDS,
  avatarSchema,
  profileFieldsSchema,
  profileVisibilitySchema,
  type Avatar,
  type Profile,
  type ProfileFields,
  type ProfileVisibility,
} from '../api/index.js'
import type { SealedStore } from '../store/sealed-store.js'

export const PROFILE_RECORD = 'profile/current'

const storedProfileSchema = z
  .object({
    v: z.literal(1),
    fields: profileFieldsSchema,
    visibility: profileVisibilitySchema,
    avatar: avatarSchema.nullable(),
    version: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  })
  .strict()

export async function loadProfile(store: SealedStore, username: string): Promise<Profile> {
  const raw = await store.getJson(PROFILE_RECORD)
  if (raw === undefined) {
    return {
      username,
      fields: { ...EMPTY_PROFILE_FIELDS, displayName: username },
      visibility: DEFAULT_VISIBILITY,
      avatar: null,
      version: 0,
      updatedAt: 0,
    }
  }
  const parsed = storedProfileSchema.safeParse(raw)
  if (!parsed.success) throw new Error('the stored profile is damaged')
  const { fields, visibility, avatar, version, updatedAt } = parsed.data
  return { username, fields, visibility, avatar, version, updatedAt }
}

async function save(store: SealedStore, profile: Profile): Promise<Profile> {
  const { fields, visibility, avatar, version, updatedAt } = profile
  await store.putJson(PROFILE_RECORD, { v: 1, fields, visibility, avatar, version, updatedAt })
  return profile
}

export async function updateProfile(
  store: SealedStore,
  username: string,
  change: { fields?: ProfileFields; visibility?: ProfileVisibility; avatar?: Avatar | null },
  now: number,
): Promise<Profile> {
  const current = await loadProfile(store, username)
  return save(store, {
    ...current,
    ...(change.fields === undefined ? {} : { fields: change.fields }),
    ...(change.visibility === undefined ? {} : { visibility: change.visibility }),
    ...(change.avatar === undefined ? {} : { avatar: change.avatar }),
    version: current.version + 1,
    updatedAt: Math.max(now, current.updatedAt),
  })
}
