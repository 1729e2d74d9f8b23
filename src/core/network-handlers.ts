import { multiaddr } from '@multiformats/multiaddr'
import { ApiFailure, type CommandHandlers, type NetworkSettingsView } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import { DEFAULT_BOOTSTRAP } from '../network/create-node.js'
import type { NetworkService } from '../network/network-service.js'
import { loadNetworkSettings, saveNetworkSettings, type NetworkSettings } from './network-settings.js'

export interface NetworkHandlersContext {
  requireNetwork(): NetworkService
  requireAccount(): UnlockedAccount
  current(): UnlockedAccount | undefined
  /** The host's `--bootstrap`: replaces the public list when set. */
  readonly bootstrapOverride: readonly string[] | undefined
  /** The open account's settings changed (the bootstrap list is read from them). */
  settingsChanged(settings: NetworkSettings): void
}

type NetworkCommands =
  'getNetworkStatus' | 'setNetworkMode' | 'dialPeer' | 'hangUpPeer' | 'getNetworkSettings' | 'setNetworkSettings'

/** The bootstrap list a node is built with: the public (or the host's) list, then the person's own. */
export function bootstrapList(
  settings: NetworkSettings | undefined,
  override: readonly string[] | undefined,
): string[] {
  const base = override ?? (settings?.usePublicBootstrap === false ? [] : DEFAULT_BOOTSTRAP)
  return [...new Set([...base, ...(settings?.extraBootstrap ?? [])])]
}

/** A bootstrap address must be a multiaddr that names its peer (so the connection is authenticated). */
function checkBootstrapAddress(address: string): string {
  let parsed
  try {
    parsed = multiaddr(address)
  } catch (err) {
    throw new ApiFailure(
      'INVALID_ARGUMENTS',
      `not a valid address: ${address} (${err instanceof Error ? err.message : String(err)})`,
    )
  }
  if (!parsed.getComponents().some((c) => c.name === 'p2p')) {
    throw new ApiFailure('INVALID_ARGUMENTS', `the address must end with /p2p/<peer ID>: ${address}`)
  }
  return parsed.toString()
}

export function networkHandlers(ctx: NetworkHandlersContext): Pick<CommandHandlers, NetworkCommands> {
  const view = (settings: NetworkSettings): NetworkSettingsView => ({
    mode: settings.mode,
    modeChosen: settings.modeChosen,
    publicBootstrap: [...DEFAULT_BOOTSTRAP],
    usePublicBootstrap: settings.usePublicBootstrap,
    extraBootstrap: [...settings.extraBootstrap],
    bootstrapOverridden: ctx.bootstrapOverride !== undefined,
  })
  const load = (account: UnlockedAccount): Promise<NetworkSettings> =>
    loadNetworkSettings(account.store, ctx.requireNetwork().status().mode)

  return {
    getNetworkStatus: () => Promise.resolve(ctx.requireNetwork().status()),
    setNetworkMode: async ({ mode }) => {
      const status = await ctx.requireNetwork().setMode(mode)
      const account = ctx.current()
      if (account !== undefined) {
        await saveNetworkSettings(account.store, { mode, modeChosen: true })
        ctx.settingsChanged(await load(account))
      }
      return status
    },
    dialPeer: ({ multiaddr: address }) => ctx.requireNetwork().dial(address),
    hangUpPeer: async ({ peerId }) => {
      await ctx.requireNetwork().hangUp(peerId)
      return null
    },
    getNetworkSettings: async () => view(await load(ctx.requireAccount())),
    setNetworkSettings: async (change) => {
      const account = ctx.requireAccount()
      const extraBootstrap =
        change.extraBootstrap === undefined ? undefined : [...new Set(change.extraBootstrap.map(checkBootstrapAddress))]
      const before = await load(account)
      await saveNetworkSettings(account.store, {
        ...(change.usePublicBootstrap === undefined ? {} : { usePublicBootstrap: change.usePublicBootstrap }),
        ...(extraBootstrap === undefined ? {} : { extraBootstrap }),
      })
      const after = await load(account)
      ctx.settingsChanged(after)
      const network = ctx.requireNetwork()
      const changed =
        bootstrapList(before, ctx.bootstrapOverride).join(' ') !== bootstrapList(after, ctx.bootstrapOverride).join(' ')
      // the list is read when a node is built: an internet node is built again to use it
      if (changed && network.status().mode === 'internet') await network.rebuild()
      return view(after)
    },
  }
}
