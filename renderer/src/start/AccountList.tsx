import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountSummary } from '../../../src/api/index.js'
import { InitialBadge } from '../components/InitialBadge.js'

export interface AccountListProps {
  readonly accounts: readonly AccountSummary[]
  readonly chosenId: string | undefined
  readonly onChoose: (accountId: string) => void
}

/** "Login with": one button per account on this device; its name is the username. */
export function AccountList({ accounts, chosenId, onChoose }: AccountListProps): ReactNode {
  const { t } = useTranslation()
  return (
    <ul className="account-list" aria-label={t('start.accounts')}>
      {accounts.map((account) => (
        <li key={account.accountId}>
          <button
            type="button"
            className="account-choice"
            aria-pressed={account.accountId === chosenId}
            onClick={() => {
              onChoose(account.accountId)
            }}
          >
            <InitialBadge name={account.username} />
            <span className="account-choice__name">{account.username}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
