import { mkdir } from 'node:fs/promises'
import type { Transport } from '@libp2p/interface'
import type { ApiEvent, AppInfo, CommandHandlers, NetworkMode } from '../api/index.js'
import type { CreateNodeOptions } from '../network/create-node.js'
import { createNetworkService, type NetworkService } from '../network/network-service.js'
import { systemClock, type Clock } from './clock.js'
import { createEventHub } from './events.js'
import { silentLogger, type Logger } from './logger.js'
import { loadOrCreateNodeKey } from './node-key.js'
import { PARLEY_VERSION } from './version.js'

/** Everything platform-specific is injected: where data lives, how to reach the network, time, logs. */
export interface MessengerOptions {
  readonly dataDir: string
  readonly host: AppInfo['host']
  readonly mode?: NetworkMode
  /** libp2p listen addresses; default: all interfaces, random ports. */
  readonly listen?: readonly string[]
  readonly mdns?: CreateNodeOptions['mdns']
  readonly bootstrap?: readonly string[]
  /** Replace TCP/WebSockets (tests inject `@libp2p/memory`). */
  readonly transports?: readonly ((components: never) => Transport)[]
  readonly clock?: Clock
  readonly logger?: Logger
}

export interface Messenger {
  /** Creates the data directory if needed and starts the network in the configured mode. */
  start(): Promise<void>
  stop(): Promise<void>
  /** One handler per contract command; hosts reach them through `dispatchCommand`. */
  readonly handlers: CommandHandlers
  subscribe(listener: (event: ApiEvent) => void): () => void
  /** For protocol services and tests; undefined before start. */
  network(): NetworkService | undefined
}

export function createMessenger(options: MessengerOptions): Messenger {
  const logger = options.logger ?? silentLogger
  const clock = options.clock ?? systemClock
  const events = createEventHub((err) => {
    logger.error('event listener failed', { error: err })
  })
  let network: NetworkService | undefined
  let starting: Promise<NetworkService> | undefined

  const requireNetwork = (): NetworkService => {
    if (network === undefined) {
      throw new Error('the messenger is not started')
    }
    return network
  }

  const handlers: CommandHandlers = {
    getAppInfo: () => Promise.resolve({ name: 'Parley', version: PARLEY_VERSION, host: options.host }),
    getNetworkStatus: () => Promise.resolve(requireNetwork().status()),
    setNetworkMode: ({ mode }) => requireNetwork().setMode(mode),
    dialPeer: ({ multiaddr }) => requireNetwork().dial(multiaddr),
    hangUpPeer: async ({ peerId }) => {
      await requireNetwork().hangUp(peerId)
      return null
    },
  }

  return {
    async start() {
      if (starting !== undefined) {
        await starting
        return
      }
      starting = (async () => {
        await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
        const privateKey = await loadOrCreateNodeKey(options.dataDir)
        const service = createNetworkService({
          privateKey,
          mode: options.mode ?? 'lan-only',
          events,
          clock,
          logger: logger.child('network'),
          ...(options.listen === undefined ? {} : { listen: options.listen }),
          ...(options.mdns === undefined ? {} : { mdns: options.mdns }),
          ...(options.bootstrap === undefined ? {} : { bootstrap: options.bootstrap }),
          ...(options.transports === undefined ? {} : { transports: options.transports }),
        })
        network = service
        await service.start()
        logger.info('messenger started', { peer: service.peerId.toString() })
        return service
      })()
      try {
        await starting
      } catch (err) {
        starting = undefined
        network = undefined
        throw err
      }
    },
    async stop() {
      const current = starting
      starting = undefined
      if (current === undefined) {
        return
      }
      const service = await current.catch(() => undefined)
      await service?.stop()
      network = undefined
      logger.info('messenger stopped')
    },
    handlers,
    subscribe: (listener) => events.subscribe(listener),
    network: () => network,
  }
}
