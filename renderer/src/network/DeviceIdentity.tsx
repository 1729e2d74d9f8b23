import type { ReactNode } from 'react'
import { CopyButton } from '../components/CopyButton.js'
import { dialableAddress } from './multiaddr.js'

export interface DeviceIdentityProps {
  readonly peerId: string
  readonly listenAddresses: readonly string[]
}

/** Who this device is on the network, and the addresses a friend can dial. */
export function DeviceIdentity({ peerId, listenAddresses }: DeviceIdentityProps): ReactNode {
  const addresses = [...new Set(listenAddresses.map((address) => dialableAddress(address, peerId)))]
  return (
    <section className="card" aria-labelledby="device-heading">
      <h2 id="device-heading" className="card__title">
        This device
      </h2>
      <div className="field-row">
        <span className="field-row__label" id="own-peer-id-label">
          Peer ID
        </span>
        <code className="mono mono--block" data-testid="own-peer-id" aria-labelledby="own-peer-id-label">
          {peerId}
        </code>
        <CopyButton text={peerId} label="Copy peer ID" />
      </div>
      <h3 className="card__subtitle" id="listen-addresses-heading">
        Listen addresses
      </h3>
      {addresses.length === 0 ? (
        <p className="muted">Not listening on any address (offline, or the network is starting).</p>
      ) : (
        <>
          <p className="muted">Give one of these to a friend so they can connect to you.</p>
          <ul className="address-list" aria-labelledby="listen-addresses-heading">
            {addresses.map((address) => (
              <li key={address} className="address-list__item">
                <code className="mono" data-testid="listen-address">
                  {address}
                </code>
                <CopyButton text={address} label={`Copy address ${address}`} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
