import type { ParleyClient, Result, SessionState } from '../../src/api/index.js'
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
  return { messenger, client: createInProcessClient(messenger), dataDir: dir }
}

export async function value<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

export function register(client: ParleyClient, username = 'alice', password = PASSWORD): Promise<SessionState> {
  return value(client.invoke('createAccount', { username, password, confirmPassword: password }))
}
