import { z } from 'zod'

/** Plain-data shapes shared by commands and events. */

export const NETWORK_MODES = ['lan-only', 'internet', 'offline'] as const
export const networkModeSchema = z.enum(NETWORK_MODES)
export type NetworkMode = z.infer<typeof networkModeSchema>

export const peerStateSchema = z.enum(['discovered', 'connected'])
export type PeerState = z.infer<typeof peerStateSchema>

export interface PeerSummary {
  readonly peerId: string
  readonly state: PeerState
  /** Addresses we know for the peer (remote addresses of open connections first). */
  readonly addresses: readonly string[]
  /** How we learnt of the peer most recently. */
  readonly source: 'mdns' | 'dht' | 'dial' | 'inbound' | 'other'
  /** Epoch milliseconds of the last change. */
  readonly lastSeen: number
}

export interface NetworkStatus {
  readonly peerId: string
  readonly mode: NetworkMode
  readonly running: boolean
  readonly listenAddresses: readonly string[]
  readonly peers: readonly PeerSummary[]
}

export interface AppInfo {
  readonly name: string
  readonly version: string
  /** Which host serves this contract: the Electron main process, the web host or a test. */
  readonly host: 'electron' | 'web' | 'headless' | 'in-process'
}
