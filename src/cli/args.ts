import { parseArgs } from 'node:util'
import { NETWORK_MODES, type NetworkMode } from '../api/index.js'
import { DEFAULT_RELAY_LIMITS, RELAY_LIMIT_MAXIMUMS, type RelayServerLimits } from '../network/relay-limits.js'

export const USAGE = `Usage:
  parley web  --data-dir DIR [--port N] [--host ADDR --allow-remote] [network options]
      Serve the Parley app on http://127.0.0.1 and print the link to open.
      Each link signs in one browser, once; press Enter in its terminal for another.
  parley web  --new-link --data-dir DIR
      Print another one-time link from the parley web running with DIR.
  parley node --data-dir DIR [--relay [relay limits]] [--print-address] [network options]
      Run a headless peer: no account; with --relay, a circuit relay for other peers.

Network options:
  --lan-only            LAN only: mDNS and private addresses, nothing leaves the LAN (default)
  --mode MODE           lan-only | internet | offline
  --listen MULTIADDR    listen address (repeatable; default: all interfaces, random port)
  --bootstrap MULTIADDR DHT bootstrap peer for internet mode (repeatable; default: public Amino peers)
  --no-bootstrap        internet mode without bootstrap peers
  --no-mdns             do not use mDNS discovery
  --log-level LEVEL     debug | info | warn | error (default: info)
  --print-events        write every API event to stdout as a JSON line (node)

Node options:
  --relay                      serve other peers as a circuit relay v2 (off by default)
  --relay-max-reservations N   peers holding a reservation at once (default ${DEFAULT_RELAY_LIMITS.maxReservations})
  --relay-max-data BYTES       bytes one relayed connection may carry (default ${DEFAULT_RELAY_LIMITS.maxDataBytes})
  --relay-max-duration MS      milliseconds one relayed connection may last (default ${DEFAULT_RELAY_LIMITS.maxDurationMs})
  --print-address              print the node's dialable addresses (with /p2p/ID), one per line, instead of the banner
`

export interface CliOptions {
  readonly command: 'web' | 'node'
  readonly dataDir: string
  readonly mode: NetworkMode
  readonly listen?: readonly string[]
  readonly bootstrap?: readonly string[]
  readonly mdns: boolean
  readonly port: number
  readonly host: string
  readonly allowRemote: boolean
  readonly staticDir?: string
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error'
  readonly printEvents: boolean
  /** `web --new-link`: ask the running web host for a link instead of starting one. */
  readonly newLink: boolean
  /** `node --relay`: serve as a circuit relay with these limits (the rest default); absent: no relay. */
  readonly relay?: Partial<RelayServerLimits>
  /** `node --print-address`: only the dialable addresses on stdout, one per line. */
  readonly printAddress: boolean
}

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

function isMode(value: string): value is NetworkMode {
  return (NETWORK_MODES as readonly string[]).includes(value)
}

/** Digits only (no sign, exponent, hex or blanks), from `min` to `max`. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}`)
  }
  return value
}

const RELAY_LIMIT_FLAGS = {
  'relay-max-reservations': 'maxReservations',
  'relay-max-data': 'maxDataBytes',
  'relay-max-duration': 'maxDurationMs',
} as const satisfies Record<string, keyof RelayServerLimits>

/** `--relay` and its limits; undefined when there is no relay. */
function relayOptions(
  command: CliOptions['command'],
  mode: NetworkMode,
  values: { readonly relay: boolean } & Partial<Record<keyof typeof RELAY_LIMIT_FLAGS, string>>,
): Partial<RelayServerLimits> | undefined {
  const limits: Partial<Record<keyof RelayServerLimits, number>> = {}
  for (const [flag, limit] of Object.entries(RELAY_LIMIT_FLAGS) as [
    keyof typeof RELAY_LIMIT_FLAGS,
    keyof RelayServerLimits,
  ][]) {
    const text = values[flag]
    if (text === undefined) continue
    if (!values.relay) throw new UsageError(`--${flag} needs --relay`)
    limits[limit] = wholeNumber(`--${flag}`, text, 1, RELAY_LIMIT_MAXIMUMS[limit])
  }
  if (!values.relay) return undefined
  if (command !== 'node') throw new UsageError('--relay belongs to parley node')
  if (mode === 'offline') throw new UsageError('--relay needs a node: it cannot run with --mode offline')
  return limits
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean', default: false },
        'lan-only': { type: 'boolean', default: false },
        mode: { type: 'string' },
        listen: { type: 'string', multiple: true },
        bootstrap: { type: 'string', multiple: true },
        'no-bootstrap': { type: 'boolean', default: false },
        'no-mdns': { type: 'boolean', default: false },
        static: { type: 'string' },
        'log-level': { type: 'string', default: 'info' },
        'print-events': { type: 'boolean', default: false },
        'new-link': { type: 'boolean', default: false },
        relay: { type: 'boolean', default: false },
        'relay-max-reservations': { type: 'string' },
        'relay-max-data': { type: 'string' },
        'relay-max-duration': { type: 'string' },
        'print-address': { type: 'boolean', default: false },
      },
    })
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err))
  }
  const { values, positionals } = parsed
  const [command, ...extra] = positionals
  if (command !== 'web' && command !== 'node') {
    throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`)
  }
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument "${extra.join(' ')}"`)
  }
  const dataDir = values['data-dir']
  if (dataDir === undefined || dataDir === '') {
    throw new UsageError('--data-dir DIR is required')
  }
  const modeText = values.mode ?? 'lan-only'
  if (!isMode(modeText)) {
    throw new UsageError(`--mode must be one of ${NETWORK_MODES.join(', ')}`)
  }
  if (values['lan-only'] && values.mode !== undefined && values.mode !== 'lan-only') {
    throw new UsageError('--lan-only contradicts --mode')
  }
  const port = Number(values.port ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError('--port must be a whole number from 0 to 65535')
  }
  const mode = values['lan-only'] ? 'lan-only' : modeText
  const logLevel = values['log-level']
  if (logLevel !== 'debug' && logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'error') {
    throw new UsageError('--log-level must be debug, info, warn or error')
  }
  if (values['new-link'] && command !== 'web') {
    throw new UsageError('--new-link belongs to parley web')
  }
  if (values['print-address'] && command !== 'node') {
    throw new UsageError('--print-address belongs to parley node')
  }
  if (values['print-address'] && mode === 'offline') {
    throw new UsageError('--print-address needs a node: with --mode offline there is no address')
  }
  const relay = relayOptions(command, mode, values)
  const bootstrap = values['no-bootstrap'] ? [] : values.bootstrap
  return {
    command,
    dataDir,
    mode,
    mdns: !values['no-mdns'],
    port,
    host: values.host ?? '127.0.0.1',
    allowRemote: values['allow-remote'],
    logLevel,
    printEvents: values['print-events'],
    newLink: values['new-link'],
    printAddress: values['print-address'],
    ...(relay === undefined ? {} : { relay }),
    ...(values.listen === undefined ? {} : { listen: values.listen }),
    ...(bootstrap === undefined ? {} : { bootstrap }),
    ...(values.static === undefined ? {} : { staticDir: values.static }),
  }
}
