import type { ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { SignIn } from '../api/web-session.js'

export type SignedOutReason = Exclude<SignIn['kind'], 'signed-in'>

/** The command names inside the sentences stay in the monospace font. */
const CODE = { code: <code className="mono" />, hash: <code /> }

function Explanation({ reason }: { readonly reason: SignedOutReason }): ReactNode {
  const { t } = useTranslation()
  switch (reason) {
    case 'missing':
      return (
        <p>
          <Trans i18nKey="common.signedOut.missing" components={CODE} />
        </p>
      )
    case 'used':
      return (
        <>
          <p>{t('common.signedOut.used')}</p>
          <p className="muted">
            <Trans i18nKey="common.signedOut.usedElsewhere" components={CODE} />
          </p>
        </>
      )
    case 'invalid':
      return <p>{t('common.signedOut.invalid')}</p>
    case 'ended':
      return <p>{t('common.signedOut.ended')}</p>
    case 'unreachable':
      return <p>{t('common.signedOut.unreachable')}</p>
  }
}

/** Shown by the web host's page when this browser has no session: we cannot talk to the core. */
export function SignedOutScreen({ reason }: { readonly reason: SignedOutReason }): ReactNode {
  const { t } = useTranslation()
  return (
    <main className="gate">
      <div className="gate__card card">
        <h1 className="gate__title">{t(`common.signedOut.titles.${reason}`)}</h1>
        <Explanation reason={reason} />
        {reason !== 'unreachable' && (
          <p className="muted" data-testid="new-link-help">
            <Trans i18nKey="common.signedOut.newLink" components={CODE} />
          </p>
        )}
      </div>
    </main>
  )
}
