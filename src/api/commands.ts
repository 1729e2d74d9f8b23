import { z } from 'zod'
import { networkModeSchema, type AppInfo, type NetworkStatus } from './model.js'

/** Limits that every host enforces before a command reaches the core. */
export const MAX_MULTIADDR_LENGTH = 1024

const multiaddrString = z
  .string()
  .min(1, 'a multiaddr is required')
  .max(MAX_MULTIADDR_LENGTH, `a multiaddr is at most ${MAX_MULTIADDR_LENGTH} characters`)
  .startsWith('/', 'a multiaddr starts with "/", e.g. /ip4/192.168.1.5/tcp/4001/p2p/12D3Koo…')

const peerIdString = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[1-9A-HJ-NP-Za-km-z]+$/, 'a peer ID is base58 text')

/**
 * Commands: imperative names, one zod schema each for the arguments, and the
 * type of the value a successful call returns. Adding a command = one entry
 * here, one handler in the core (the compiler demands it), one line in the
 * Electron preload's allow-list (generated from this list).
 */
export const commandSchemas = {
  getAppInfo: z.object({}).strict(),
  getNetworkStatus: z.object({}).strict(),
  setNetworkMode: z.object({ mode: networkModeSchema }).strict(),
  dialPeer: z.object({ multiaddr: multiaddrString }).strict(),
  hangUpPeer: z.object({ peerId: peerIdString }).strict(),
} as const

export type CommandName = keyof typeof commandSchemas
export type CommandArgs<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>

export interface CommandResults {
  getAppInfo: AppInfo
  getNetworkStatus: NetworkStatus
  setNetworkMode: NetworkStatus
  dialPeer: { readonly peerId: string; readonly remoteAddress: string }
  hangUpPeer: null
}

export type CommandResult<C extends CommandName> = CommandResults[C]

export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[]

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name)
}
