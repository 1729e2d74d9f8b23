import { useState, type ReactNode } from 'react'
import type { ContactRequest } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { describeError } from '../lib/describe-error.js'
import { PersonCard } from '../profile/PersonCard.js'
import { useContactBook } from './contact-book.js'
import { profileName, timeAgo } from './contact-labels.js'

type Response = 'accept' | 'decline' | 'block'

const RESPONSES: readonly { readonly response: Response; readonly label: string; readonly className: string }[] = [
  { response: 'accept', label: 'Accept', className: 'button button--primary' },
  { response: 'decline', label: 'Decline', className: 'button' },
  { response: 'block', label: 'Block', className: 'button button--danger' },
]

const OUTGOING_STATE: Readonly<Record<ContactRequest['state'], string>> = {
  pending: 'it goes out when they are online',
  sent: 'waiting for their answer',
  delivered: 'delivered, waiting for their answer',
}

/** Someone asks to be a contact: who they say they are, their message, and the three answers. */
function IncomingRequest({ request }: { readonly request: ContactRequest }): ReactNode {
  const client = useClient()
  const book = useContactBook()
  const [working, setWorking] = useState<Response | undefined>(undefined)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const name = profileName(request.profile, request.peerId)

  const respond = async (response: Response): Promise<void> => {
    setWorking(response)
    setFailure(undefined)
    const result = await client.invoke('respondToRequest', { requestId: request.requestId, response })
    setWorking(undefined)
    if (result.ok) {
      book.acceptContacts(result.value)
      book.reload()
    } else {
      setFailure(describeError(result.error))
    }
  }

  return (
    <li className="request request--incoming" data-peer-id={request.peerId}>
      <PersonCard
        name={name}
        username={request.profile?.username}
        avatar={request.profile?.avatar}
        fields={request.profile?.fields ?? {}}
        empty="They share nothing else."
        meta={
          <p className="muted">
            {request.viaInvite ? 'Used your invite' : 'Asked without an invite'} · {timeAgo(request.createdAt)}
          </p>
        }
      />
      {request.warning !== null && (
        <p role="alert" className="request__warning">
          <span aria-hidden="true">⚠ </span>
          {request.warning}
        </p>
      )}
      {request.message !== '' && (
        <figure className="request__message">
          <figcaption className="muted">Their message</figcaption>
          <blockquote>{request.message}</blockquote>
        </figure>
      )}
      <div className="request__actions">
        {RESPONSES.map((choice) => (
          <button
            key={choice.response}
            type="button"
            className={choice.className}
            aria-label={`${choice.label} ${name}`}
            disabled={working !== undefined}
            onClick={() => void respond(choice.response)}
          >
            {choice.label}
          </button>
        ))}
        {working !== undefined && <span className="muted">Answering…</span>}
      </div>
      {failure !== undefined && <Notice tone="error">Could not answer: {failure}</Notice>}
    </li>
  )
}

/** A request we sent, until they answer. */
function OutgoingRequest({ request }: { readonly request: ContactRequest }): ReactNode {
  const name = profileName(request.profile, request.peerId)
  return (
    <li className="request request--outgoing" data-peer-id={request.peerId}>
      <PersonPicture name={name} avatar={request.profile?.avatar} />
      <div className="request__outgoing-text">
        <p>
          <span className="contact-row__name">{name}</span> <span className="badge badge--sent">Request sent</span>
        </p>
        <p className="muted">
          Requested {timeAgo(request.createdAt)} · {OUTGOING_STATE[request.state]}
        </p>
        {request.message !== '' && <p className="muted request__own-message">Your message: {request.message}</p>}
      </div>
    </li>
  )
}

export function RequestRow({ request }: { readonly request: ContactRequest }): ReactNode {
  return request.direction === 'incoming' ? (
    <IncomingRequest request={request} />
  ) : (
    <OutgoingRequest request={request} />
  )
}
