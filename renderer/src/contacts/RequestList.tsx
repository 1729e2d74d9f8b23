import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactRequest } from '../../../src/api/index.js'
import { RequestRow } from './RequestRow.js'

/** Incoming requests first (they wait for an answer), newest first within each. */
function sortRequests(requests: readonly ContactRequest[]): ContactRequest[] {
  return [...requests].sort((a, b) =>
    a.direction === b.direction ? b.createdAt - a.createdAt : a.direction === 'incoming' ? -1 : 1,
  )
}

export function RequestList({ requests }: { readonly requests: readonly ContactRequest[] }): ReactNode {
  const { t } = useTranslation()
  const incoming = requests.filter((request) => request.direction === 'incoming').length
  return (
    <section className="card requests" aria-labelledby="requests-heading">
      <div className="card__header">
        <h2 id="requests-heading" className="card__title">
          {t('contacts.requests.title')}
        </h2>
        <span className="card__count">
          {incoming === 0 ? t('contacts.requests.noneWaiting') : t('contacts.requests.waiting', { count: incoming })}
        </span>
      </div>
      <ul className="request-list" aria-label={t('contacts.requests.label')}>
        {sortRequests(requests).map((request) => (
          <RequestRow key={request.requestId} request={request} />
        ))}
      </ul>
    </section>
  )
}
