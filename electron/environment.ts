import type { MessengerOptions } from '../src/core/messenger.js'

/**
 * Network overrides from the environment, for tests that run the desktop app
 * outside a network namespace: `PARLEY_MDNS=off` keeps mDNS from multicasting
 * on the machine's real interfaces, `PARLEY_LISTEN` (comma-separated
 * multiaddrs) keeps the node on loopback.
 */
export function networkOverrides(env: NodeJS.ProcessEnv): Pick<MessengerOptions, 'mdns' | 'listen'> {
  const listen = env.PARLEY_LISTEN?.split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
  return {
    ...(env.PARLEY_MDNS === 'off' ? { mdns: false as const } : {}),
    ...(listen === undefined || listen.length === 0 ? {} : { listen }),
  }
}
