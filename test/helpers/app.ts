import {
  checkCommandResult,
  parseApiEvent,
  type ParleyClient,
  type Result,
  type SessionState,
} from '../../src/api/index.js'
import { createMessenger, type Messenger, type MessengerOptions } from '../../src/core/messenger.js'
import { createInProcessClient } from '../../src/hosts/in-process.js'
import { PASSWORD, TEST_KDF_COST } from './accounts.js'
import { makeTempDir } from './temp-dir.js'

export interface TestApp {
  readonly messenger: Messenger
  readonly client: ParleyClient
  readonly dataDir: string
}

/** Starts an app core (accounts identity, loopback only, no mDNS) and registers its cleanup. */
export async function startApp(
  cleanups: (() => Promise<void>)[],
  overrides: Partial<MessengerOptions> = {},
  dataDir?: string,
): Promise<TestApp> {
  let dir = dataDir
  if (dir === undefined) {
    const temp = await makeTempDir()
    cleanups.push(temp.cleanup)
    dir = temp.path
  }
  const messenger = createMessenger({
    dataDir: dir,
    host: 'in-process',
    mode: 'lan-only',
    mdns: false,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    kdfCost: TEST_KDF_COST,
    ...overrides,
  })
  await messenger.start()
  cleanups.push(() => messenger.stop())
  return { messenger, client: checkedClient(createInProcessClient(messenger), cleanups), dataDir: dir }
}

/** A headless `node-key` messenger on 127.0.0.1 (as `parley node` builds one), stopped and removed at cleanup. */
export async function startHeadlessNode(
  cleanups: (() => Promise<void>)[],
  overrides: Partial<MessengerOptions> = {},
): Promise<Messenger> {
  const dir = await makeTempDir()
  cleanups.push(dir.cleanup)
  const messenger = createMessenger({
    dataDir: dir.path,
    host: 'headless',
    identity: 'node-key',
    mode: 'lan-only',
    listen: ['/ip4/127.0.0.1/tcp/0'],
    mdns: false,
    ...overrides,
  })
  await messenger.start()
  cleanups.push(() => messenger.stop())
  return messenger
}

/** A messenger's first TCP address, ending in its `/p2p/<peer ID>`. */
export async function dialableAddress(messenger: Messenger): Promise<string> {
  const status = await messenger.handlers.getNetworkStatus({})
  const address = status.listenAddresses.find((a) => a.includes('/tcp/'))
  if (address === undefined) throw new Error(`no TCP address in ${status.listenAddresses.join(', ')}`)
  return address.includes('/p2p/') ? address : `${address}/p2p/${status.peerId}`
}

/**
 * The client as the renderer takes it: every value through its command's
 * result schema, every event through the event schemas. So each test also
 * shows that what the core really sends passes the contract; an event that
 * does not fails the test at cleanup.
 */
function checkedClient(client: ParleyClient, cleanups: (() => Promise<void>)[]): ParleyClient {
  const malformed: string[] = []
  cleanups.push(() => {
    if (malformed.length === 0) return Promise.resolve()
    return Promise.reject(new Error(`events that fail the contract's schemas: ${malformed.join('; ')}`))
  })
  return {
    invoke: (async (command: string, args: unknown) => {
      const result = await client.invoke(command as never, args as never)
      const checked = checkCommandResult(command, result)
      if (result.ok && !checked.ok) throw new Error(checked.error.message)
      return checked
    }) as ParleyClient['invoke'],
    subscribe: (listener) =>
      client.subscribe((event) => {
        if (parseApiEvent(event) === undefined) malformed.push(event.name)
        listener(event)
      }),
  }
}

export async function value<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

export function register(client: ParleyClient, username = 'alice', password = PASSWORD): Promise<SessionState> {
  return value(client.invoke('createAccount', { username, password, confirmPassword: password }))
}
