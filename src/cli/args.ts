import { parseArgs } from 'node:util'
import { NETWORK_MODES, type NetworkMode } from '../api/index.js'

export const USAGE = `Usage:
  parley web  --data-dir DIR [--port N] [--host ADDR --allow-remote] [network options]
      Serve the Parley app on http://127.0.0.1 and print the link to open.
      Each link signs in one browser, once; press Enter in its terminal for another.
  parley web  --new-link --data-dir DIR
      Print another one-time link from the parley web running with DIR.
  parley node --data-dir DIR [network options]
      Run a headless peer.

Network options:
  --lan-only            LAN only: mDNS and private addresses, nothing leaves the LAN (default)
  --mode MODE           lan-only | internet | offline
  --listen MULTIADDR    listen address (repeatable; default: all interfaces, random port)
  --bootstrap MULTIADDR DHT bootstrap peer for internet mode (repeatable; default: public Amino peers)
  --no-bootstrap        internet mode without bootstrap peers
  --no-mdns             do not use mDNS discovery
  --log-level LEVEL     debug | info | warn | error (default: info)
  --print-events        write every API event to stdout as a JSON line (node)
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
}

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

function isMode(value: string): value is NetworkMode {
  return (NETWORK_MODES as readonly string[]).includes(value)
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
  const logLevel = values['log-level']
  if (logLevel !== 'debug' && logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'error') {
    throw new UsageError('--log-level must be debug, info, warn or error')
  }
  if (values['new-link'] && command !== 'web') {
    throw new UsageError('--new-link belongs to parley web')
  }
  const bootstrap = values['no-bootstrap'] ? [] : values.bootstrap
  return {
    command,
    dataDir,
    mode: values['lan-only'] ? 'lan-only' : modeText,
    mdns: !values['no-mdns'],
    port,
    host: values.host ?? '127.0.0.1',
    allowRemote: values['allow-remote'],
    logLevel,
    printEvents: values['print-events'],
    newLink: values['new-link'],
    ...(values.listen === undefined ? {} : { listen: values.listen }),
    ...(bootstrap === undefined ? {} : { bootstrap }),
    ...(values.static === undefined ? {} : { staticDir: values.static }),
  }
}
