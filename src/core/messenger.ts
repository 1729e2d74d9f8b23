import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { PrivateKey, Transport } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import {
  ApiFailure,
  type ApiEvent,
  type AppInfo,
  type CommandHandlers,
  type NetworkMode,
  type SessionState,
} from '../api/index.js'
import { createAccountManager, type AccountManager, type UnlockedAccount } from '../accounts/account-manager.js'
import type { ContactsService } from '../contacts/contacts-service.js'
import type { Kdf, KdfCost } from '../crypto/kdf.js'
import type { CreateNodeOptions, OnlineMode } from '../network/create-node.js'
import type { InboundLimits } from '../messages/messages-service.js'
import type { MessagesService } from '../messages/service-types.js'
import { createNetworkService, type NetworkService } from '../network/network-service.js'
import type { RelayServerLimits } from '../network/relay-limits.js'
import { relayServer, type RelayServerStatus } from '../network/relay-server.js'
import type { AtomicWriteFaults } from '../store/atomic-file.js'
import { accountServices, type AccountComponents, type AnyAccountService } from './account-services.js'
import { systemClock, type Clock } from './clock.js'
import { accountHandlers } from './account-handlers.js'
import { createAutoLock, loadLockSettings } from './auto-lock.js'
import { backupHandlers } from './backup-handlers.js'
import { conversationHandlers } from './conversation-handlers.js'
import { profileHandlers } from './profile-handlers.js'
import { createEventHub } from './events.js'
import { bootstrapList, networkHandlers } from './network-handlers.js'
import { loadNetworkSettings, saveNetworkSettings, tcpPortOf, type NetworkSettings } from './network-settings.js'
import { createJobQueue } from './job-queue.js'
import { silentLogger, type Logger } from './logger.js'
import { loadOrCreateNodeKey } from './node-key.js'
import { libp2pServicesOf, type AnyNodeService, type NodeComponents } from './node-services.js'
import { composeServices, type ServiceGroup } from './services.js'
import { createBackupTransfers } from './backup-transfers.js'
import { PARLEY_VERSION } from './version.js'

/** Everything platform-specific is injected: where data lives, how to reach the network, time, logs. */
export interface MessengerOptions {
  readonly dataDir: string
  readonly host: AppInfo['host']
  /**
   * Whose identity the peer uses. `accounts` (the app): nothing runs on the
   * network until a person unlocks an account, and then with that account's
   * key. `node-key` (a headless infrastructure peer): a key file of its own.
   */
  readonly identity?: 'accounts' | 'node-key'
  /** The network mode a new account starts with (then each account keeps its own choice). */
  readonly mode?: NetworkMode
  /** Addresses announced besides the listening ones (a public address the node cannot see itself). */
  readonly announce?: readonly string[]
  /** The DHT hands out private addresses too (a private network, or peers on one machine). */
  readonly dhtPrivateAddresses?: boolean
  /** libp2p listen addresses; default: all interfaces, random ports. */
  readonly listen?: readonly string[]
  readonly mdns?: CreateNodeOptions['mdns']
  readonly bootstrap?: readonly string[]
  /** Replace TCP/WebSockets (tests inject `@libp2p/memory`). */
  readonly transports?: readonly ((components: never) => Transport)[]
  readonly clock?: Clock
  readonly logger?: Logger
  /** Password KDF and its cost; the default is scrypt calibrated at N ≥ 2^17. */
  readonly kdf?: Kdf
  readonly kdfCost?: KdfCost
  readonly faults?: { readonly vaultWrite?: AtomicWriteFaults }
  /** Per-contact limits on inbound messages (tests lower them). */
  readonly messageLimits?: Partial<InboundLimits>
  /**
   * Run a circuit relay v2 server with these limits (defaults for the ones
   * left out) whenever a node runs; no account needed. Off when absent.
   */
  readonly relay?: Partial<RelayServerLimits>
}

export interface Messenger {
  /** Creates the data directory; a `node-key` peer also starts its network here. */
  start(): Promise<void>
  stop(): Promise<void>
  /** One handler per contract command; hosts reach them through `dispatchCommand`. */
  readonly handlers: CommandHandlers
  subscribe(listener: (event: ApiEvent) => void): () => void
  /** For protocol services and tests; undefined while locked or stopped. */
  network(): NetworkService | undefined
  /** The unlocked account, for services and tests; undefined while locked. */
  account(): UnlockedAccount | undefined
  /** The services running now, in start order: `node` ones whenever a node runs, `account` ones while unlocked. */
  services(): { readonly node: readonly string[]; readonly account: readonly string[] }
  /** The relay server's limits and reservations while it runs; undefined otherwise. */
  relay(): RelayServerStatus | undefined
  readonly accounts: AccountManager
}

/** One password derivation at a time (each holds ~128 MiB or more for about a second)… */
const HEAVY_JOBS_AT_ONCE = 1
/** …and a few waiting behind it, e.g. a double click; more are refused with BUSY. */
const HEAVY_JOBS_WAITING = 3

export function createMessenger(options: MessengerOptions): Messenger {
  const logger = options.logger ?? silentLogger
  const clock = options.clock ?? systemClock
  const identityKind = options.identity ?? 'accounts'
  const events = createEventHub((err) => {
    logger.error('event listener failed', { error: err })
  })
  const transfers = createBackupTransfers(clock)
  const accounts = createAccountManager({
    root: join(options.dataDir, 'accounts'),
    clock,
    logger: logger.child('accounts'),
    ...(options.kdf === undefined ? {} : { kdf: options.kdf }),
    ...(options.kdfCost === undefined ? {} : { kdfCost: options.kdfCost }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  })
  let network: NetworkService | undefined
  /** The open account's network settings (the bootstrap list is read from them when a node is built). */
  let networkSettings: NetworkSettings | undefined
  let current: UnlockedAccount | undefined
  /** What needs only a node (the relay…): built into each node, started with it, stopped before it. */
  const nodeServices: AnyNodeService[] = options.relay === undefined ? [] : [relayServer(options.relay)]
  let nodeGroup: ServiceGroup<NodeComponents, AnyNodeService> | undefined
  /** What needs the unlocked account (contacts, messages…): started on unlock, stopped on lock. */
  let accountGroup: ServiceGroup<AccountComponents, AnyAccountService> | undefined
  const servicesLogger = logger.child('services')
  let started = false
  let queue: Promise<unknown> = Promise.resolve()

  /** Session changes (unlock, lock, create, delete, import, stop) run one at a time. */
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step)
    queue = next.catch(() => undefined)
    return next
  }
  /**
   * Every command that runs the password KDF (or a whole backup) takes a slot
   * of one bounded queue, whichever host it came from: one runs, a few wait,
   * the rest get BUSY at once. Then it runs in order with the session changes.
   */
  const heavyJobs = createJobQueue({
    concurrency: HEAVY_JOBS_AT_ONCE,
    maxWaiting: HEAVY_JOBS_WAITING,
    busyMessage: 'Parley is busy with another password or backup operation: try again in a moment',
  })
  const heavily = <T>(step: () => Promise<T>): Promise<T> => heavyJobs.run(() => serially(step))

  const requireAccount = (): UnlockedAccount => {
    if (current === undefined) throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    return current
  }
  const requireNetwork = (): NetworkService => {
    if (network !== undefined) return network
    if (identityKind === 'accounts' && current === undefined) {
      throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    }
    throw new ApiFailure('NOT_RUNNING', 'the messenger is not started')
  }
  const requireAccounts = (): void => {
    if (identityKind !== 'accounts') throw new ApiFailure('NOT_FOUND', 'this headless peer has no accounts')
  }

  /** Binds the account's services to a node (or unbinds them, reverse order, with undefined). */
  const attachAccountServices = async (node: Libp2p | undefined): Promise<void> => {
    const running = accountGroup?.running() ?? []
    for (const service of node === undefined ? [...running].reverse() : running) await service.attach?.(node)
  }

  /** A node just started: its node services first, then the account's services bind to it. */
  const nodeStarted = async (node: Libp2p, mode: OnlineMode): Promise<void> => {
    const group = composeServices<NodeComponents, AnyNodeService>({
      scope: 'node',
      services: nodeServices,
      components: { node, mode, events, clock, logger },
      logger: servicesLogger,
    })
    await group.start()
    nodeGroup = group
    try {
      await attachAccountServices(node)
    } catch (err) {
      // the node is about to be stopped without another call: leave nothing running on it
      nodeGroup = undefined
      await group.stop().catch(() => undefined)
      throw err
    }
  }

  /** A node is about to stop: unbind and stop everything on it; failures are logged, the node still stops. */
  const nodeStopping = async (): Promise<void> => {
    try {
      await attachAccountServices(undefined)
    } catch (err) {
      logger.error('account services failed to unbind from the node', { error: err })
    }
    const group = nodeGroup
    nodeGroup = undefined
    await group?.stop().catch(() => undefined)
  }

  const startNetwork = async (privateKey: PrivateKey, mode: NetworkMode, tcpPort?: number): Promise<void> => {
    const service = createNetworkService({
      ...(tcpPort === undefined ? {} : { tcpPort }),
      privateKey,
      mode,
      events,
      clock,
      logger: logger.child('network'),
      isBlocked: (peerId) => accountGroup?.get('contacts')?.isBlocked(peerId) ?? false,
      libp2pServices: (online) => libp2pServicesOf(nodeServices, online),
      onNode: (node, online) =>
        node === undefined || online === undefined ? nodeStopping() : nodeStarted(node, online),
      ...(options.listen === undefined ? {} : { listen: options.listen }),
      ...(options.mdns === undefined ? {} : { mdns: options.mdns }),
      // the setting's list, then the relays our contacts use (entry points a block of the public list misses)
      bootstrap: () => [
        ...new Set([
          ...bootstrapList(networkSettings, options.bootstrap),
          ...(accountGroup?.get('contacts')?.contactRelays() ?? []),
        ]),
      ],
      // a headless node is infrastructure: it serves the DHT; the app only asks it
      ...(identityKind === 'node-key' ? { dhtServer: true } : {}),
      ...(options.dhtPrivateAddresses === true ? { dhtPrivateAddresses: true } : {}),
      ...(options.announce === undefined ? {} : { announce: options.announce }),
      ...(options.transports === undefined ? {} : { transports: options.transports }),
    })
    network = service
    try {
      await service.start()
    } catch (err) {
      network = undefined
      throw err
    }
  }

  const stopNetwork = async (): Promise<void> => {
    const service = network
    network = undefined
    await service?.stop()
  }

  const session = async (): Promise<SessionState> => ({
    account: current?.summary ?? null,
    accounts: await accounts.list(),
  })

  const announceSession = async (): Promise<SessionState> => {
    const state = await session()
    events.emit({ name: 'sessionChanged', payload: state })
    return state
  }

  const requireContacts = (): ContactsService => {
    requireAccount()
    const contacts = accountGroup?.get('contacts')
    if (contacts === undefined) throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    return contacts
  }

  const requireMessages = (): MessagesService => {
    requireAccount()
    const messages = accountGroup?.get('messages')
    if (messages === undefined) throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    return messages
  }

  /** Stops the account's services (reverse order), then its network, then closes its store. */
  const lockCurrent = async (): Promise<void> => {
    const account = current
    if (account === undefined) return
    current = undefined
    autoLock.disarm()
    try {
      await accountGroup?.stop()
    } finally {
      accountGroup = undefined
      await stopNetwork()
      await account.close()
      logger.info('account locked', { account: account.summary.accountId })
    }
  }

  /** Makes `account` the open one, starts its services, and its network in the mode it last used. */
  const enter = async (account: UnlockedAccount): Promise<SessionState> => {
    current = account
    const group = composeServices<AccountComponents, AnyAccountService>({
      scope: 'account',
      services: accountServices(options.messageLimits === undefined ? {} : { messageLimits: options.messageLimits }),
      components: { account, events, clock, logger },
      logger: servicesLogger,
    })
    accountGroup = group
    try {
      await group.start()
    } catch (err) {
      // nothing of it keeps running: the account is closed again and the unlock fails
      accountGroup = undefined
      current = undefined
      await account.close()
      throw err
    }
    networkSettings = await loadNetworkSettings(account.store, options.mode ?? 'lan-only')
    const { mode, tcpPort: savedPort } = networkSettings
    try {
      await startNetwork(account.identity.libp2pKey, mode, savedPort)
      const port = network === undefined ? undefined : tcpPortOf(network.status().listenAddresses)
      if (port !== undefined && port !== savedPort) {
        await saveNetworkSettings(account.store, { mode, tcpPort: port })
      }
    } catch (err) {
      logger.error('network failed to start', { error: err })
    }
    autoLock.arm(account.summary.accountId, (await loadLockSettings(account.store)).autoLockMinutes)
    return announceSession()
  }

  const autoLock = createAutoLock(clock, (accountId) => {
    void serially(async () => {
      if (current?.summary.accountId !== accountId) return
      logger.info('account locked after a time without use', { account: accountId })
      await lockCurrent()
      await announceSession()
    }).catch((err: unknown) => {
      logger.error('auto-lock failed', { error: err })
    })
  })

  const handlers: CommandHandlers = {
    getAppInfo: () => Promise.resolve({ name: 'Parley', version: PARLEY_VERSION, host: options.host }),
    ...networkHandlers({
      requireNetwork,
      requireAccount,
      current: () => current,
      bootstrapOverride: options.bootstrap,
      settingsChanged: (settings) => {
        networkSettings = settings
      },
    }),

    ...accountHandlers({
      accounts,
      autoLock,
      session,
      announceSession,
      enter,
      lockCurrent,
      current: () => current,
      requireAccount,
      requireAccounts,
      serially,
      heavily,
    }),

    ...profileHandlers({
      requireAccount,
      clock,
      events,
      profileChanged: async () => {
        await accountGroup?.get('contacts')?.profileChanged()
      },
    }),
    ...backupHandlers({ requireAccount, requireAccounts, heavily, accounts, transfers, clock, announceSession }),

    ...conversationHandlers(requireContacts, requireMessages),
  }

  // the account's services follow the network: presence, retries, nearby probes
  events.subscribe((event) => {
    for (const service of accountGroup?.running() ?? []) service.onEvent?.(event)
  })

  return {
    start: () =>
      serially(async () => {
        if (started) return
        await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
        if (identityKind === 'node-key') {
          await startNetwork(await loadOrCreateNodeKey(options.dataDir), options.mode ?? 'lan-only')
        }
        started = true
        logger.info('messenger started', { identity: identityKind })
      }),
    stop: () =>
      serially(async () => {
        if (!started) return
        started = false
        await lockCurrent()
        await stopNetwork()
        logger.info('messenger stopped')
      }),
    handlers,
    subscribe: (listener) => events.subscribe(listener),
    network: () => network,
    account: () => current,
    services: () => ({
      node: nodeGroup?.running().map((s) => s.name) ?? [],
      account: accountGroup?.running().map((s) => s.name) ?? [],
    }),
    relay: () => nodeGroup?.get('relay'),
    accounts,
  }
}
