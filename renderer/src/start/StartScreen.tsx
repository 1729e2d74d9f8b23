import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountSummary, SessionState } from '../../../src/api/index.js'
import { AppInfoFooter } from '../shell/AppInfoFooter.js'
import { ConnectionBanner } from '../shell/ConnectionBanner.js'
import { ThemeToggle } from '../theme/ThemeToggle.js'
import { useTheme } from '../theme/use-theme.js'
import { AccountList } from './AccountList.js'
import { ImportBackup } from './ImportBackup.js'
import { LoginForm } from './LoginForm.js'
import { SignUpForm } from './SignUpForm.js'

export interface StartScreenProps {
  readonly accounts: readonly AccountSummary[]
  /** Offered first: the account last unlocked in this tab. */
  readonly preferredAccountId: string | undefined
  readonly onSession: (state: SessionState) => void
}

/** Log in, sign up or import: what a person sees while no account is unlocked. */
export function StartScreen({ accounts, preferredAccountId, onSession }: StartScreenProps): ReactNode {
  const { t } = useTranslation()
  const { theme, toggle } = useTheme()
  const [wantsSignUp, setWantsSignUp] = useState(false)
  const [chosenId, setChosenId] = useState<string | undefined>(preferredAccountId)
  const signingUp = wantsSignUp || accounts.length === 0
  const chosen =
    accounts.find((account) => account.accountId === chosenId) ?? (accounts.length === 1 ? accounts[0] : undefined)

  return (
    <div className="start">
      <main className="start__column">
        <ConnectionBanner />
        <header className="start__brand">
          <img className="start__logo" src="./favicon.svg" alt="" width={40} height={40} />
          <div>
            <p className="start__name">{t('common.appName')}</p>
            <p className="muted">{t('start.tagline')}</p>
          </div>
        </header>
        <section className="card start__card" aria-label={signingUp ? t('start.signUpRegion') : t('start.logInRegion')}>
          {signingUp ? (
            <SignUpForm
              onSession={onSession}
              onCancel={
                accounts.length === 0
                  ? undefined
                  : () => {
                      setWantsSignUp(false)
                    }
              }
            />
          ) : (
            <>
              <h1 className="start__title">{t('start.welcomeBack')}</h1>
              <p className="muted">{t('start.logInIntro')}</p>
              <AccountList accounts={accounts} chosenId={chosen?.accountId} onChoose={setChosenId} />
              {chosen !== undefined && <LoginForm key={chosen.accountId} account={chosen} onSession={onSession} />}
              <p className="start__switch">
                <span className="muted">{t('start.someoneElse')}</span>{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setWantsSignUp(true)
                  }}
                >
                  {t('start.createNew')}
                </button>
              </p>
            </>
          )}
        </section>
        <ImportBackup
          onImported={(account) => {
            setWantsSignUp(false)
            setChosenId(account.accountId)
          }}
        />
        <footer className="start__footer">
          <ThemeToggle theme={theme} onToggle={toggle} />
          <AppInfoFooter />
        </footer>
      </main>
    </div>
  )
}
