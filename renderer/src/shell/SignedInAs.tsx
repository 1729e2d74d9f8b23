import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { InitialBadge } from '../components/InitialBadge.js'

export interface SignedInAsProps {
  readonly username: string
  readonly onLogOut: () => Promise<void>
}

/** Who is logged in, and the way out (which locks the account). */
export function SignedInAs({ username, onLogOut }: SignedInAsProps): ReactNode {
  const { t } = useTranslation()
  const [leaving, setLeaving] = useState(false)
  return (
    <div className="signed-in">
      <InitialBadge name={username} />
      <p className="signed-in__text">
        <span className="signed-in__caption">{t('common.signedIn.caption')}</span>{' '}
        <span className="signed-in__name" data-testid="signed-in-username">
          {username}
        </span>
      </p>
      <button
        type="button"
        className="button button--small"
        disabled={leaving}
        onClick={() => {
          setLeaving(true)
          void onLogOut().finally(() => {
            setLeaving(false)
          })
        }}
      >
        {t('common.signedIn.logOut')}
      </button>
    </div>
  )
}
