import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PasswordStrength } from '../../../src/api/index.js'

export interface PasswordStrengthMeterProps {
  readonly id: string
  readonly strength: PasswordStrength | undefined
}

/** How hard the new password is to guess, why, and what would make it harder. */
export function PasswordStrengthMeter({ id, strength }: PasswordStrengthMeterProps): ReactNode {
  const { t } = useTranslation()
  if (strength === undefined) return null
  const level = t(`common.password.levels.${strength.score}`)
  return (
    <div className="strength" id={id}>
      <div className="strength__row">
        <meter
          className="strength__meter"
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={strength.score}
          aria-label={t('common.password.strength')}
          aria-valuetext={level}
        />
        <span className={strength.strong ? 'strength__level strength__level--ok' : 'strength__level'}>{level}</span>
      </div>
      {strength.warning !== null && (
        <p className="strength__warning">{t(`common.password.warnings.${strength.warning}`)}</p>
      )}
      {!strength.strong && strength.suggestions.length > 0 && (
        <ul className="strength__tips">
          {strength.suggestions.map((tip) => (
            <li key={tip}>{t(`common.password.suggestions.${tip}`)}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
