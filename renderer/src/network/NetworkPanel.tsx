import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NetworkMode, Result } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { LoadError } from '../components/Notice.js'
import { Screen } from '../components/Screen.js'
import { describeError } from '../lib/describe-error.js'
import { BootstrapCard } from './BootstrapCard.js'
import { DeviceIdentity } from './DeviceIdentity.js'
import { DialForm } from './DialForm.js'
import { NetworkModeSelector } from './NetworkModeSelector.js'
import { NetworkSummary } from './NetworkSummary.js'
import { PeerList } from './PeerList.js'
import { ReachabilityCard } from './ReachabilityCard.js'
import { useNetworkStatus } from './use-network-status.js'

/** The Network screen: fetches the live status and wires the commands to the cards. */
export function NetworkPanel(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const { status, error, refresh, accept } = useNetworkStatus()
  const [pendingMode, setPendingMode] = useState<NetworkMode | undefined>(undefined)
  const [modeError, setModeError] = useState<string | undefined>(undefined)
  const [hangUpError, setHangUpError] = useState<string | undefined>(undefined)

  const selectMode = async (mode: NetworkMode): Promise<void> => {
    setPendingMode(mode)
    setModeError(undefined)
    const result = await client.invoke('setNetworkMode', { mode })
    setPendingMode(undefined)
    if (result.ok) {
      accept(result.value)
    } else {
      setModeError(describeError(result.error))
      refresh()
    }
  }

  const dial = async (multiaddr: string): Promise<Result<{ readonly peerId: string }>> => {
    const result = await client.invoke('dialPeer', { multiaddr })
    refresh()
    return result
  }

  const hangUp = async (peerId: string): Promise<void> => {
    setHangUpError(undefined)
    const result = await client.invoke('hangUpPeer', { peerId })
    if (!result.ok) {
      setHangUpError(describeError(result.error))
    }
    refresh()
  }

  return (
    <Screen title={t('common.nav.network')} aside={status !== undefined && <NetworkSummary status={status} />}>
      {error !== undefined && <LoadError what={t('network.statusWhat')} error={error} onRetry={refresh} />}
      {status === undefined ? (
        error === undefined && <p className="muted">{t('network.loading')}</p>
      ) : (
        <div className="card-grid">
          <DeviceIdentity peerId={status.peerId} listenAddresses={status.listenAddresses} />
          <ReachabilityCard status={status} />
          <NetworkModeSelector
            mode={pendingMode ?? status.mode}
            busy={pendingMode !== undefined}
            error={modeError}
            onSelect={(mode) => void selectMode(mode)}
          />
          <DialForm onDial={dial} />
          <PeerList peers={status.peers} error={hangUpError} onHangUp={hangUp} />
          <BootstrapCard mode={status.mode} />
        </div>
      )}
    </Screen>
  )
}
