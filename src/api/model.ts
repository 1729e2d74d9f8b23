import { z } from 'zod'

/** Plain-data shapes shared by commands and events. */

export const NETWORK_MODES = ['lan-only', 'internet', 'offline'] as const
export const networkModeSchema = z.enum(NETWORK_MODES)
export type NetworkMode = z.infer<typeof networkModeSchema>

export const peerStateSchema = z.enum(['discovered', 'connected'])
export type PeerState = z.infer<typeof peerStateSchema>

/**
 * How a peer is reached right now: over the LAN (a private address), over a
 * direct internet connection, through a circuit relay, or not at all.
 */
export const ROUTES = ['lan', 'direct', 'relayed'] as const
export const routeSchema = z.enum(ROUTES)
export type Route = z.infer<typeof routeSchema>

/** What this node knows of its own reachability: AutoNAT's verdict, and the relays holding a slot for it. */
export const REACHABILITY = ['public', 'private', 'unknown'] as const
export const reachabilitySchema = z.enum(REACHABILITY)
export type Reachability = z.infer<typeof reachabilitySchema>

export interface PeerSummary {
  readonly peerId: string
  readonly state: PeerState
  /** The best open connection's route (direct beats relayed); null when not connected. */
  readonly route: Route | null
  /** The relay's peer ID when `route` is relayed. */
  readonly relayPeerId: string | null
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
  /** Whether others can dial us directly (internet mode); lan-only and offline say unknown. */
  readonly reachability: Reachability
  /** The relays that hold a reservation for us now, by peer ID (we are reachable through them). */
  readonly relays: readonly string[]
}

/** An account's network settings as the UI shows and changes them. */
export interface NetworkSettingsView {
  readonly mode: NetworkMode
  /** False until the person answered the first-run question (LAN only or internet). */
  readonly modeChosen: boolean
  /** The public libp2p bootstrap peers, used unless turned off. */
  readonly publicBootstrap: readonly string[]
  readonly usePublicBootstrap: boolean
  /** Addresses the person added (a friend's `parley node`): always used in internet mode. */
  readonly extraBootstrap: readonly string[]
  /** Set when a flag of the host replaces the public list (tests, a private network). */
  readonly bootstrapOverridden: boolean
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
  route: routeSchema.nullable(),
  relayPeerId: peerIdSchema.nullable(),
})

export const networkStatusSchema = z.object({
  peerId: peerIdSchema,
  mode: networkModeSchema,
  running: z.boolean(),
  listenAddresses: addressList,
  peers: z.array(peerSummarySchema).max(LIST_MAX).readonly(),
  reachability: reachabilitySchema,
  relays: z.array(peerIdSchema).max(LIST_MAX).readonly(),
})

/** Bootstrap addresses a person may add. */
export const EXTRA_BOOTSTRAP_MAX = 32

export const networkSettingsViewSchema = z.object({
  mode: networkModeSchema,
  modeChosen: z.boolean(),
  publicBootstrap: addressList,
  usePublicBootstrap: z.boolean(),
  extraBootstrap: z.array(z.string().max(ADDRESS_MAX)).max(EXTRA_BOOTSTRAP_MAX).readonly(),
  bootstrapOverridden: z.boolean(),
})

export const appInfoSchema = z.object({
  name: z.string().max(LABEL_MAX),
  version: z.string().max(LABEL_MAX),
  host: z.enum(['electron', 'web', 'headless', 'in-process']),
})
