import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProfileTextField } from '../../../src/api/index.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { fieldLabel } from './profile-labels.js'

/** What the card shows under the name, in this order (the display name is the card's title). */
const SHOWN_FIELDS = ['about', 'gender', 'birthday', 'town', 'region', 'country', 'email', 'web'] as const

export interface PersonCardProps {
  readonly name: string
  readonly username: string | undefined
  readonly avatar: { readonly mime: string; readonly data: string } | null | undefined
  readonly fields: Readonly<Partial<Record<ProfileTextField, string>>>
  /** Said instead of the fields when none is filled in. */
  readonly empty: string
  /** The picture's text alternative; empty: decorative. */
  readonly pictureAlt?: string
  /** Under the name: a status, badges. */
  readonly meta?: ReactNode
  readonly testId?: string
}

/** Someone's profile as a card: picture, name, username, and the fields they share. */
export function PersonCard({
  name,
  username,
  avatar,
  fields,
  empty,
  pictureAlt = '',
  meta,
  testId,
}: PersonCardProps): ReactNode {
  useTranslation()
  const rows = SHOWN_FIELDS.filter((field) => typeof fields[field] === 'string' && fields[field] !== '')
  return (
    <div className="contact-card" data-testid={testId}>
      <div className="contact-card__head">
        <PersonPicture name={name} avatar={avatar} size="large" alt={pictureAlt} />
        <div className="contact-card__who">
          <p className="contact-card__name">{name}</p>
          {username !== undefined && <p className="muted">@{username}</p>}
          {meta}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <dl className="contact-card__fields">
          {rows.map((field) => (
            <div key={field} className="contact-card__field">
              <dt>{fieldLabel(field)}</dt>
              <dd>{fields[field]}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
