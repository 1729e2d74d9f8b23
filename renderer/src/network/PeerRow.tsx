import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeerSummary } from '../../../src/api/index.js'
import { useContactBook } from '../contacts/contact-book.js'
import { routeLabel, sourceLabel } from './network-labels.js'

export interface PeerRowProps {
  readonly peer: PeerSummary
  readonly onHangUp: (peerId: string) => Promise<void>
}

/**
 * One peer. The `{' '}` between the parts keep words apart in the row's
 * plain text (what screen readers, copy-paste and tests see).
 */
export function PeerRow({ peer, onHangUp }: PeerRowProps): ReactNode {
  const { t } = useTranslation()
  const [hangingUp, setHangingUp] = useState(false)
  const connected = peer.state === 'connected'
  const { contacts } = useContactBook()
  // a contact is shown by name, its peer ID beside it
  const contact = contacts?.find((c) => c.peerId === peer.peerId)
  const route = routeLabel(peer)

  const hangUp = async (): Promise<void> => {
    setHangingUp(true)
    try {
      await onHangUp(peer.peerId)
    } finally {
      setHangingUp(false)
    }
  }

  return (
    <li className={`peer peer--${peer.state}`} data-peer-id={peer.peerId}>
      <div className="peer__head">
        <span className="peer__dot" aria-hidden="true" />
        {contact !== undefined && <strong className="peer__name">{contact.name}</strong>}{' '}
        <code className="mono peer__id">{peer.peerId}</code>{' '}
        <span className={`badge badge--${peer.state}`}>{t(`network.peers.states.${peer.state}`)}</span>{' '}
        {route !== undefined && (
          <span
            className={`badge badge--route badge--${peer.route ?? 'none'}`}
            data-testid="peer-route"
            title={
              peer.route === 'relayed' && peer.relayPeerId !== null
                ? t('network.peers.routes.relayTitle', { relay: peer.relayPeerId })
                : undefined
            }
          >
            {route}
          </span>
        )}
      </div>{' '}
      <p className="peer__meta muted">{sourceLabel(peer.source)}</p>{' '}
      {peer.addresses.length > 0 && (
        <div className="peer__addresses">
          {peer.addresses.map((address) => (
            <code key={address} className="mono mono--small">
              {address}{' '}
            </code>
          ))}
        </div>
      )}
      {connected && (
        <div className="peer__actions">
          {' '}
          <button
            type="button"
            className="button button--small button--danger"
            aria-label={t('network.peers.disconnectPeer', { peerId: peer.peerId })}
            disabled={hangingUp}
            onClick={() => void hangUp()}
          >
            {t('network.peers.disconnect')}
          </button>
        </div>
      )}
    </li>
  )
}
