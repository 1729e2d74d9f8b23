import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { PrivateKey, Transport } from '@libp2p/interface'
import {
  ApiFailure,
  type ApiEvent,
  type AppInfo,
  type CommandHandlers,
  type NetworkMode,
  type SessionState,
} from '../api/index.js'
import { createAccountManager, type AccountManager, type UnlockedAccount } from '../accounts/account-manager.js'
import { checkAvatar } from '../accounts/image-check.js'
import { signProfile } from '../accounts/profile-document.js'
import { loadProfile, updateProfile } from '../accounts/profile-store.js'
import { createContactsService, type ContactsService } from '../contacts/contacts-service.js'
import type { Kdf, KdfCost } from '../crypto/kdf.js'
import type { CreateNodeOptions } from '../network/create-node.js'
import { createMessagesService, type InboundLimits } from '../messages/messages-service.js'
import type { MessagesService } from '../messages/service-types.js'
import { createNetworkService, type NetworkService } from '../network/network-service.js'
import { createOutbox, type Outbox } from '../delivery/outbox.js'
import { createSessions } from '../sessions/sessions.js'
import type { AtomicWriteFaults } from '../store/atomic-file.js'
import { systemClock, type Clock } from './clock.js'
import { conversationHandlers } from './conversation-handlers.js'
import { createEventHub } from './events.js'
import { createJobQueue } from './job-queue.js'
import { silentLogger, type Logger } from './logger.js'
import { loadOrCreateNodeKey } from './node-key.js'
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
  readonly accounts: AccountManager
}

const NETWORK_SETTINGS_RECORD = 'settings/network'
/** One password derivation at a time (each holds ~128 MiB or more for about a second)… */
const HEAVY_JOBS_AT_ONCE = 1
/** …and a few waiting behind it, e.g. a double click; more are refused with BUSY. */
const HEAVY_JOBS_WAITING = 3

/** The port of the first plain TCP listen address: contacts remember it, so the next start reuses it. */
function tcpPortOf(addresses: readonly string[]): number | undefined {
  for (const address of addresses) {
    const match = /\/tcp\/(\d+)\/p2p\/|\/tcp\/(\d+)$/.exec(address)
    const port = Number(match?.[1] ?? match?.[2])
    if (match !== null && !address.includes('/ws') && port > 0) return port
  }
  return undefined
}

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
  let current: UnlockedAccount | undefined
  let contacts: ContactsService | undefined
  let messages: MessagesService | undefined
  let outbox: Outbox | undefined
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

  const startNetwork = async (privateKey: PrivateKey, mode: NetworkMode, tcpPort?: number): Promise<void> => {
    const service = createNetworkService({
      ...(tcpPort === undefined ? {} : { tcpPort }),
      privateKey,
      mode,
      events,
      clock,
      logger: logger.child('network'),
      isBlocked: (peerId) => contacts?.isBlocked(peerId) ?? false,
      onNode: async (node) => {
        await contacts?.attach(node)
        await messages?.attach(node)
      },
      ...(options.listen === undefined ? {} : { listen: options.listen }),
      ...(options.mdns === undefined ? {} : { mdns: options.mdns }),
      ...(options.bootstrap === undefined ? {} : { bootstrap: options.bootstrap }),
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
    if (contacts === undefined) throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    return contacts
  }

  const requireMessages = (): MessagesService => {
    requireAccount()
    if (messages === undefined) throw new ApiFailure('LOCKED', 'no account is unlocked: log in first')
    return messages
  }

  const lockCurrent = async (): Promise<void> => {
    const account = current
    if (account === undefined) return
    current = undefined
    const closingMessages = messages
    messages = undefined
    await closingMessages?.stop()
    const closing = contacts
    contacts = undefined
    await closing?.stop()
    const closingOutbox = outbox
    outbox = undefined
    await closingOutbox?.stop()
    await stopNetwork()
    await account.close()
    logger.info('account locked', { account: account.summary.accountId })
  }

  /** Makes `account` the open one and starts its network in the mode it last used. */
  const enter = async (account: UnlockedAccount): Promise<SessionState> => {
    current = account
    const log = logger.child('delivery')
    outbox = createOutbox({ store: account.store, clock, logger: log })
    contacts = await createContactsService({
      account,
      outbox,
      events,
      clock,
      logger: logger.child('contacts'),
      profileDocument: async () =>
        signProfile(await loadProfile(account.store, account.summary.username), account.identity),
      displayName: async () => (await loadProfile(account.store, account.summary.username)).fields.displayName,
    })
    const keysOf = contacts.sessionKeys.bind(contacts)
    messages = await createMessagesService({
      account,
      contacts,
      outbox,
      sessions: createSessions({ store: account.store, identity: account.identity, clock, logger: log, keysOf }),
      events,
      clock,
      logger: logger.child('messages'),
      ...(options.messageLimits === undefined ? {} : { limits: options.messageLimits }),
    })
    const saved = (await account.store.getJson(NETWORK_SETTINGS_RECORD)) as
      { mode?: unknown; tcpPort?: unknown } | undefined
    const savedPort =
      typeof saved?.tcpPort === 'number' &&
      Number.isInteger(saved.tcpPort) &&
      saved.tcpPort > 0 &&
      saved.tcpPort < 65536
        ? saved.tcpPort
        : undefined
    const mode =
      (['lan-only', 'internet', 'offline'] as const).find((m) => m === saved?.mode) ?? options.mode ?? 'lan-only'
    try {
      await startNetwork(account.identity.libp2pKey, mode, savedPort)
      const port = network === undefined ? undefined : tcpPortOf(network.status().listenAddresses)
      if (port !== undefined && port !== savedPort) {
        await account.store.putJson(NETWORK_SETTINGS_RECORD, { mode, tcpPort: port })
      }
    } catch (err) {
      logger.error('network failed to start', { error: err })
    }
    return announceSession()
  }

  const handlers: CommandHandlers = {
    getAppInfo: () => Promise.resolve({ name: 'Parley', version: PARLEY_VERSION, host: options.host }),
    getNetworkStatus: () => Promise.resolve(requireNetwork().status()),
    setNetworkMode: async ({ mode }) => {
      const status = await requireNetwork().setMode(mode)
      const saved = (await current?.store.getJson(NETWORK_SETTINGS_RECORD)) as { tcpPort?: unknown } | undefined
      await current?.store.putJson(NETWORK_SETTINGS_RECORD, { ...saved, mode })
      return status
    },
    dialPeer: ({ multiaddr }) => requireNetwork().dial(multiaddr),
    hangUpPeer: async ({ peerId }) => {
      await requireNetwork().hangUp(peerId)
      return null
    },

    getSession: () => session(),
    createAccount: ({ username, password }) =>
      heavily(async () => {
        requireAccounts()
        const account = await accounts.create(username, password)
        await lockCurrent()
        return enter(account)
      }),
    unlockAccount: ({ accountId, password }) =>
      heavily(async () => {
        requireAccounts()
        if (current?.summary.accountId === accountId) return session()
        const account = await accounts.unlock(accountId, password)
        await lockCurrent()
        return enter(account)
      }),
    lockAccount: () =>
      serially(async () => {
        await lockCurrent()
        return announceSession()
      }),
    changePassword: ({ oldPassword, newPassword }) =>
      heavily(async () => {
        const account = requireAccount()
        if (newPassword.toLowerCase() === account.summary.username.toLowerCase()) {
          throw new ApiFailure('INVALID_ARGUMENTS', 'The password must differ from the username', {
            newPassword: 'The password must differ from the username',
          })
        }
        await accounts.changePassword(account.summary.accountId, oldPassword, newPassword)
        return null
      }),
    deleteAccount: ({ accountId, password, confirmUsername }) =>
      heavily(async () => {
        requireAccounts()
        const target = (await accounts.list()).find((a) => a.accountId === accountId)
        if (target === undefined) throw new ApiFailure('NOT_FOUND', 'no such account on this device')
        if (confirmUsername !== target.username) {
          throw new ApiFailure('INVALID_ARGUMENTS', 'type the username exactly to confirm', {
            confirmUsername: 'Type the username exactly to confirm',
          })
        }
        // the password is checked first; only then is an open account closed and removed
        await accounts.remove(accountId, password, async () => {
          if (current?.summary.accountId === accountId) await lockCurrent()
        })
        return announceSession()
      }),

    getProfile: () => {
      const account = requireAccount()
      return loadProfile(account.store, account.summary.username)
    },
    updateProfile: async ({ fields, visibility }) => {
      const account = requireAccount()
      const profile = await updateProfile(account.store, account.summary.username, { fields, visibility }, clock.now())
      events.emit({ name: 'profileUpdated', payload: profile })
      await contacts?.profileChanged()
      return profile
    },
    setAvatar: async ({ avatar }) => {
      const account = requireAccount()
      if (avatar !== null) {
        try {
          checkAvatar(avatar)
        } catch (err) {
          const message = err instanceof Error ? err.message : 'invalid picture'
          throw new ApiFailure('INVALID_ARGUMENTS', message, { avatar: message })
        }
      }
      const profile = await updateProfile(account.store, account.summary.username, { avatar }, clock.now())
      events.emit({ name: 'profileUpdated', payload: profile })
      await contacts?.profileChanged()
      return profile
    },
    getProfileDocument: async () => {
      const account = requireAccount()
      return signProfile(await loadProfile(account.store, account.summary.username), account.identity)
    },

    exportBackup: ({ password }) =>
      heavily(async () => {
        const account = requireAccount()
        const bytes = await accounts.exportBackup(account, password)
        const day = new Date(clock.now()).toISOString().slice(0, 10)
        return {
          transferId: transfers.offer(bytes),
          fileName: `parley-${account.summary.username}-${day}.parley-backup`,
          size: bytes.length,
        }
      }),
    readTransfer: ({ transferId, offset, length }) => Promise.resolve(transfers.read(transferId, offset, length)),
    startUpload: ({ size }) => Promise.resolve({ transferId: transfers.startUpload(size) }),
    writeUpload: ({ transferId, offset, data }) =>
      Promise.resolve({ received: transfers.write(transferId, offset, data) }),
    importBackup: ({ transferId, password }) =>
      heavily(async () => {
        requireAccounts()
        const summary = await accounts.importBackup(transfers.takeUpload(transferId), password)
        await announceSession()
        return summary
      }),
    cancelTransfer: ({ transferId }) => {
      transfers.cancel(transferId)
      return Promise.resolve(null)
    },

    ...conversationHandlers(requireContacts, requireMessages),
  }

  // contacts follow the network: presence, retries, nearby probes
  events.subscribe((event) => {
    contacts?.onNetworkEvent(event)
    messages?.onNetworkEvent(event)
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
    accounts,
  }
}
