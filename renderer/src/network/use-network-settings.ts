import { useState } from 'react'
import type { CommandArgs, NetworkSettingsView, Result } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'

export interface NetworkSettingsSource {
  /** The settings as the core has them; undefined until read. */
  readonly settings: NetworkSettingsView | undefined
  /** Why the last read failed, if it did. */
  readonly loadError: string | undefined
  readonly refresh: () => void
  /** Changes some settings; on success the core's answer is shown at once. */
  readonly update: (change: CommandArgs<'setNetworkSettings'>) => Promise<Result<NetworkSettingsView>>
  /** Take settings a command returned, or mark what changed elsewhere. */
  readonly accept: (next: NetworkSettingsView) => void
}

/**
 * The account's network settings (mode, whether the first-run question was
 * answered, the bootstrap lists): read when the link opens and again after a
 * mode change. Unlike `useSavedSetting`, a change answers with its result, so
 * a form can keep what was typed when the core refuses it.
 */
export function useNetworkSettings(): NetworkSettingsSource {
  const client = useClient()
  const [settings, setSettings] = useState<NetworkSettingsView | undefined>(undefined)
  const [loadError, setLoadError] = useState<string | undefined>(undefined)

  const refresh = useRefreshWhenOpen(async () => {
    const result = await client.invoke('getNetworkSettings', {})
    if (result.ok) {
      setSettings(result.value)
      setLoadError(undefined)
    } else {
      setLoadError(describeError(result.error))
    }
  })

  useApiEvents((event) => {
    if (event.name === 'networkModeChanged') {
      refresh()
    }
  })

  const update = async (change: CommandArgs<'setNetworkSettings'>): Promise<Result<NetworkSettingsView>> => {
    const result = await client.invoke('setNetworkSettings', change)
    if (result.ok) {
      setSettings(result.value)
    }
    return result
  }

  return { settings, loadError, refresh, update, accept: setSettings }
}
