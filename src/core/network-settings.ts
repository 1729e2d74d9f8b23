import type { NetworkMode } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'

/** An account's network choices, kept in its encrypted store. */
const NETWORK_SETTINGS_RECORD = 'settings/network'

export interface NetworkSettings {
  readonly mode: NetworkMode
  /** The TCP port last listened on: contacts remember it, so the next start reuses it. */
  readonly tcpPort: number | undefined
  /** The person chose the mode (the first-run question, or a change later). */
  readonly modeChosen: boolean
  readonly usePublicBootstrap: boolean
  /** Bootstrap addresses the person added (a friend's node). */
  readonly extraBootstrap: readonly string[]
}

type Store = UnlockedAccount['store']

/** The saved settings, anything malformed replaced by the default mode and no port. */
export async function loadNetworkSettings(store: Store, defaultMode: NetworkMode): Promise<NetworkSettings> {
  const saved = (await store.getJson(NETWORK_SETTINGS_RECORD)) as
    | {
        mode?: unknown
        tcpPort?: unknown
        modeChosen?: unknown
        usePublicBootstrap?: unknown
        extraBootstrap?: unknown
      }
    | undefined
  const tcpPort =
    typeof saved?.tcpPort === 'number' && Number.isInteger(saved.tcpPort) && saved.tcpPort > 0 && saved.tcpPort < 65536
      ? saved.tcpPort
      : undefined
  const mode = (['lan-only', 'internet', 'offline'] as const).find((m) => m === saved?.mode) ?? defaultMode
  const extra = Array.isArray(saved?.extraBootstrap) ? saved.extraBootstrap : []
  return {
    mode,
    tcpPort,
    modeChosen: saved?.modeChosen === true,
    usePublicBootstrap: saved?.usePublicBootstrap !== false,
    extraBootstrap: extra.filter((a): a is string => typeof a === 'string').slice(0, 32),
  }
}

/** Saves a change of mode or port, keeping the other one. */
export async function saveNetworkSettings(store: Store, change: Partial<NetworkSettings>): Promise<void> {
  const saved = (await store.getJson(NETWORK_SETTINGS_RECORD)) as Record<string, unknown> | undefined
  await store.putJson(NETWORK_SETTINGS_RECORD, { ...saved, ...change })
}

/** The port of the first plain TCP listen address. */
export function tcpPortOf(addresses: readonly string[]): number | undefined {
  for (const address of addresses) {
    const match = /\/tcp\/(\d+)\/p2p\/|\/tcp\/(\d+)$/.exec(address)
    const port = Number(match?.[1] ?? match?.[2])
    if (match !== null && !address.includes('/ws') && port > 0) return port
  }
  return undefined
}
