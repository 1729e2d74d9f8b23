import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PROFILE_LIMITS, type ProfileTextField, type Visibility } from '../../../src/api/index.js'
import { TextAreaField, TextField } from '../components/TextField.js'
import { formatNumber } from '../i18n/format.js'
import { i18n } from '../i18n/i18n.js'
import { fieldLabel } from './profile-labels.js'
import { VisibilitySelect } from './VisibilitySelect.js'

export interface ProfileFieldRowProps {
  readonly field: ProfileTextField
  readonly value: string
  readonly visibility: Visibility
  readonly error: string | undefined
  readonly disabled: boolean
  readonly onChange: (value: string) => void
  readonly onVisibilityChange: (value: Visibility) => void
}

/** The UTC date of yesterday as YYYY-MM-DD: the latest birthday the core accepts. */
function yesterday(): string {
  return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

const INPUTS: Partial<Record<ProfileTextField, { type: string; autoComplete: string; placeholder?: () => string }>> = {
  displayName: { type: 'text', autoComplete: 'nickname' },
  country: { type: 'text', autoComplete: 'country-name' },
  region: { type: 'text', autoComplete: 'address-level1' },
  town: { type: 'text', autoComplete: 'address-level2' },
  gender: { type: 'text', autoComplete: 'sex' },
  birthday: { type: 'date', autoComplete: 'bday' },
  email: { type: 'email', autoComplete: 'email', placeholder: () => i18n.t('profile.emailPlaceholder') },
  web: { type: 'url', autoComplete: 'url', placeholder: () => 'https://example.org' },
}

/** One profile field with its visibility beside it. */
export function ProfileFieldRow({
  field,
  value,
  visibility,
  error,
  disabled,
  onChange,
  onVisibilityChange,
}: ProfileFieldRowProps): ReactNode {
  const { t } = useTranslation()
  const id = `profile-${field}`
  const label = fieldLabel(field)
  const select = (
    <VisibilitySelect
      id={`${id}-visibility`}
      subject={label}
      value={visibility}
      onChange={onVisibilityChange}
      disabled={disabled}
    />
  )

  if (field === 'about') {
    return (
      <TextAreaField
        id={id}
        label={label}
        value={value}
        onValueChange={onChange}
        error={error}
        hint={t('profile.characters', {
          length: formatNumber(value.length),
          max: formatNumber(PROFILE_LIMITS.about),
        })}
        readOnly={disabled}
        trailing={select}
      />
    )
  }

  const input = INPUTS[field] ?? { type: 'text', autoComplete: 'off' }
  return (
    <TextField
      id={id}
      label={label}
      type={input.type}
      autoComplete={input.autoComplete}
      placeholder={input.placeholder?.()}
      maxLength={field === 'birthday' ? undefined : PROFILE_LIMITS[field]}
      min={field === 'birthday' ? '1900-01-01' : undefined}
      max={field === 'birthday' ? yesterday() : undefined}
      value={value}
      onValueChange={onChange}
      error={error}
      readOnly={disabled}
      trailing={select}
    />
  )
}
