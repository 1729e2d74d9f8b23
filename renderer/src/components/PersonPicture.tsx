import type { ReactNode } from 'react'
import { AVATAR_MIME_TYPES } from '../../../src/api/index.js'
import { avatarUrl } from '../profile/resize-avatar.js'
import { InitialBadge } from './InitialBadge.js'

export interface PersonPictureProps {
  readonly name: string
  readonly avatar: { readonly mime: string; readonly data: string } | null | undefined
  readonly size?: 'small' | 'large'
  /** Empty (the default): decorative, the name is beside it. */
  readonly alt?: string
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Someone's picture where they shared one (a known image type only), else their initial. */
export function PersonPicture({ name, avatar, size = 'small', alt = '' }: PersonPictureProps): ReactNode {
  const usable =
    avatar != null && (AVATAR_MIME_TYPES as readonly string[]).includes(avatar.mime) && BASE64.test(avatar.data)
  if (!usable) {
    return <InitialBadge name={name} size={size} />
  }
  return <img className={`avatar avatar--${size}`} src={avatarUrl(avatar)} alt={alt} />
}
