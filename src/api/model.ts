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

/**
 * Bounds on what a client accepts from a host (the schemas below and in the
 * other contract files): a value beyond them is not one the core sends, and is
 * dropped whole rather than half-shown.
 */
export const LIST_MAX = 10_000
/** Addresses of one peer, or of our own listeners. */
export const ADDRESSES_MAX = 1_024
/** A multiaddr as the core reports it. */
export const ADDRESS_MAX = 1_024
/** A short label: a name, a version, a fingerprint, a file name. */
export const LABEL_MAX = 256

/** 32 lowercase hex characters: a direct conversation's is derived from the two peer IDs, a group's is random. */
export const conversationIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a conversation ID')

/** A libp2p peer ID as text (base58btc). */
export const peerIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'a peer ID is base58 text')
const addressList = z.array(z.string().max(ADDRESS_MAX)).max(ADDRESSES_MAX).readonly()

export const peerSummarySchema = z.object({
  peerId: peerIdSchema,
  state: peerStateSchema,
  addresses: addressList,
  source: z.enum(['mdns', 'dht', 'dial', 'inbound', 'other']),
  lastSeen: z.number().nonnegative(),
})

export const networkStatusSchema = z.object({
  peerId: peerIdSchema,
  mode: networkModeSchema,
  running: z.boolean(),
  listenAddresses: addressList,
  peers: z.array(peerSummarySchema).max(LIST_MAX).readonly(),
})

export const appInfoSchema = z.object({
  name: z.string().max(LABEL_MAX),
  version: z.string().max(LABEL_MAX),
  host: z.enum(['electron', 'web', 'headless', 'in-process']),
})
