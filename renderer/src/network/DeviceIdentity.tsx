import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '../components/CopyButton.js'
import { dialableAddress } from './multiaddr.js'

export interface DeviceIdentityProps {
  readonly peerId: string
  readonly listenAddresses: readonly string[]
}

/** Who this device is on the network, and the addresses a friend can dial. */
export function DeviceIdentity({ peerId, listenAddresses }: DeviceIdentityProps): ReactNode {
  const { t } = useTranslation()
  const addresses = [...new Set(listenAddresses.map((address) => dialableAddress(address, peerId)))]
  return (
    <section className="card" aria-labelledby="device-heading">
      <h2 id="device-heading" className="card__title">
        {t('network.device.title')}
      </h2>
      <div className="field-row">
        <span className="field-row__label" id="own-peer-id-label">
          {t('network.device.peerId')}
        </span>
        <code className="mono mono--block" data-testid="own-peer-id" aria-labelledby="own-peer-id-label">
          {peerId}
        </code>
        <CopyButton text={peerId} label={t('network.device.copyPeerId')} />
      </div>
      <h3 className="card__subtitle" id="listen-addresses-heading">
        {t('network.device.addresses')}
      </h3>
      {addresses.length === 0 ? (
        <p className="muted">{t('network.device.none')}</p>
      ) : (
        <>
          <p className="muted">{t('network.device.give')}</p>
          <ul className="address-list" aria-labelledby="listen-addresses-heading">
            {addresses.map((address) => (
              <li key={address} className="address-list__item">
                <code className="mono" data-testid="listen-address">
                  {address}
                </code>
                <CopyButton text={address} label={t('network.device.copyAddress', { address })} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
