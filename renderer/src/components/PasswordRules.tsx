import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { passwordProblems } from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'
import { PasswordStrengthMeter } from './PasswordStrengthMeter.js'
import { usePasswordStrength } from './use-password-strength.js'

/**
 * Every rule as the contract words it: a one-letter password that equals the
 * username and differs from its confirmation breaks all the rules a person
 * can break by typing (the maximum length shows up only when it is broken).
 */
const RULES: readonly string[] = passwordProblems('x', 'y', 'x')
/** The core's strength estimate, as one more rule. */
const HARD_TO_GUESS = 'hard to guess'

/** A rule as the contract words it (in English, what the logic compares), in the language on screen. */
function ruleText(rule: string): string {
  const least = /^at least (\d+) characters$/.exec(rule)
  if (least !== null) return i18n.t('common.password.atLeast', { count: Number(least[1]) })
  const most = /^at most (\d+) characters$/.exec(rule)
  if (most !== null) return i18n.t('common.password.atMost', { count: Number(most[1]) })
  if (rule === 'different from the username') return i18n.t('common.password.notUsername')
  if (rule === 'both passwords match') return i18n.t('common.password.match')
  if (rule === HARD_TO_GUESS) return i18n.t('common.password.hardToGuess')
  return rule
}

export interface PasswordRulesProps {
  readonly id: string
  readonly password: string
  readonly confirm: string
  readonly username?: string
}

/**
 * The password rules with a tick for each one met, updated while typing, and
 * the strength meter. Nothing is met on an empty form: an empty password is
 * not "different from the username", nor does an empty pair "match".
 */
export function PasswordRules({ id, password, confirm, username = '' }: PasswordRulesProps): ReactNode {
  const { t } = useTranslation()
  const strength = usePasswordStrength(password, username)
  const problems = passwordProblems(password, confirm, username)
  const rules = [...new Set([...RULES, ...problems, HARD_TO_GUESS])]
  const isMet = (rule: string): boolean => {
    if (password === '') return false
    if (rule === HARD_TO_GUESS) return strength?.strong === true
    if (rule === 'both passwords match' && confirm === '') return false
    return !problems.includes(rule)
  }
  return (
    <div className="rules">
      <p className="rules__title" id={`${id}-title`}>
        {t('common.password.checklist')}
      </p>
      <ul id={id} className="rules__list" aria-labelledby={`${id}-title`}>
        {rules.map((rule) => {
          const met = isMet(rule)
          return (
            <li key={rule} className={met ? 'rules__item rules__item--met' : 'rules__item'}>
              <span className="rules__mark" aria-hidden="true">
                {met ? '✓' : '○'}
              </span>
              <span className="visually-hidden">{met ? t('common.password.done') : t('common.password.notYet')} </span>
              {ruleText(rule)}
            </li>
          )
        })}
      </ul>
      <PasswordStrengthMeter id={`${id}-strength`} strength={strength} />
    </div>
  )
}
