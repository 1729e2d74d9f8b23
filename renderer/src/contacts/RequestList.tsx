import type { ReactNode } from 'react'
import type { ContactRequest } from '../../../src/api/index.js'
import { RequestRow } from './RequestRow.js'

/** Incoming requests first (they wait for an answer), newest first within each. */
function sortRequests(requests: readonly ContactRequest[]): ContactRequest[] {
  return [...requests].sort((a, b) =>
    a.direction === b.direction ? b.createdAt - a.createdAt : a.direction === 'incoming' ? -1 : 1,
  )
}

export function RequestList({ requests }: { readonly requests: readonly ContactRequest[] }): ReactNode {
  const incoming = requests.filter((request) => request.direction === 'incoming').length
  return (
    <section className="card requests" aria-labelledby="requests-heading">
      <div className="card__header">
        <h2 id="requests-heading" className="card__title">
          Requests
        </h2>
        <span className="card__count">
          {incoming === 0 ? 'none waiting for you' : `${incoming} waiting for your answer`}
        </span>
      </div>
      <ul className="request-list" aria-label="Contact requests">
        {sortRequests(requests).map((request) => (
          <RequestRow key={request.requestId} request={request} />
        ))}
      </ul>
    </section>
  )
}
