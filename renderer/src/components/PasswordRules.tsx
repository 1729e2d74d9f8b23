import type { ReactNode } from 'react'
import { passwordProblems } from '../../../src/api/index.js'

/**
 * Every rule as the contract words it: a one-letter password that equals the
 * username and differs from its confirmation breaks all the rules a person
 * can break by typing (the maximum length shows up only when it is broken).
 */
const RULES: readonly string[] = passwordProblems('x', 'y', 'x')

export interface PasswordRulesProps {
  readonly id: string
  readonly password: string
  readonly confirm: string
  readonly username?: string
}

/** The password rules with a tick for each one met, updated while typing. */
export function PasswordRules({ id, password, confirm, username = '' }: PasswordRulesProps): ReactNode {
  const problems = passwordProblems(password, confirm, username)
  const rules = [...new Set([...RULES, ...problems])]
  return (
    <div className="rules">
      <p className="rules__title" id={`${id}-title`}>
        Password checklist
      </p>
      <ul id={id} className="rules__list" aria-labelledby={`${id}-title`}>
        {rules.map((rule) => {
          const met = !problems.includes(rule)
          return (
            <li key={rule} className={met ? 'rules__item rules__item--met' : 'rules__item'}>
              <span className="rules__mark" aria-hidden="true">
                {met ? '✓' : '○'}
              </span>
              <span className="visually-hidden">{met ? 'done:' : 'not yet:'} </span>
              {rule}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
