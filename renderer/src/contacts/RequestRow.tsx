import type { ParseKeys } from 'i18next'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactRequest } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { PersonPicture } from '../components/PersonPicture.js'
import { describeError } from '../lib/describe-error.js'
import { PersonCard } from '../profile/PersonCard.js'
import { useContactBook } from './contact-book.js'
import { profileName, timeAgo } from './contact-labels.js'

type Response = 'accept' | 'decline' | 'block'

const RESPONSES: readonly { readonly response: Response; readonly label: ParseKeys; readonly className: string }[] = [
  { response: 'accept', label: 'contacts.requests.accept', className: 'button button--primary' },
  { response: 'decline', label: 'contacts.requests.decline', className: 'button' },
  { response: 'block', label: 'contacts.requests.block', className: 'button button--danger' },
]

/** Someone asks to be a contact: who they say they are, their message, and the three answers. */
function IncomingRequest({ request }: { readonly request: ContactRequest }): ReactNode {
  const { t } = useTranslation()
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
        empty={t('contacts.requests.sharesNothing')}
        meta={
          <p className="muted">
            {request.viaInvite ? t('contacts.requests.viaInvite') : t('contacts.requests.noInvite')} ·{' '}
            {timeAgo(request.createdAt)}
            {request.fingerprint !== null && (
              <>
                {' · '}
                <span className="mono">{t('contacts.requests.fingerprint', { fingerprint: request.fingerprint })}</span>
              </>
            )}
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
          <figcaption className="muted">{t('contacts.requests.theirMessage')}</figcaption>
          <blockquote>{request.message}</blockquote>
        </figure>
      )}
      <div className="request__actions">
        {RESPONSES.map((choice) => (
          <button
            key={choice.response}
            type="button"
            className={choice.className}
            aria-label={t('contacts.requests.respondTo', { response: t(choice.label), name })}
            disabled={working !== undefined}
            onClick={() => void respond(choice.response)}
          >
            {t(choice.label)}
          </button>
        ))}
        {working !== undefined && <span className="muted">{t('contacts.requests.answering')}</span>}
      </div>
      {failure !== undefined && <Notice tone="error">{t('contacts.requests.answerFailed', { error: failure })}</Notice>}
    </li>
  )
}

/** A request we sent, until they answer. */
function OutgoingRequest({ request }: { readonly request: ContactRequest }): ReactNode {
  const { t } = useTranslation()
  const name = profileName(request.profile, request.peerId)
  return (
    <li className="request request--outgoing" data-peer-id={request.peerId}>
      <PersonPicture name={name} avatar={request.profile?.avatar} />
      <div className="request__outgoing-text">
        <p>
          <span className="contact-row__name">{name}</span>{' '}
          <span className="badge badge--sent">{t('contacts.requests.requestSent')}</span>
        </p>
        <p className="muted">
          {t('contacts.requests.requested', { when: timeAgo(request.createdAt) })} ·{' '}
          {t(`contacts.requests.${request.state}`)}
        </p>
        {request.message !== '' && (
          <p className="muted request__own-message">
            {t('contacts.requests.yourMessage', { message: request.message })}
          </p>
        )}
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
