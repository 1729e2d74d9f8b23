import { parseArgs } from 'node:util'
import { NETWORK_MODES, type NetworkMode } from '../api/index.js'
import { RELAY_LIMIT_MAXIMUMS, type RelayServerLimits } from '../network/relay-limits.js'
import { nearest } from './suggest.js'
import { COMMANDS, isCommand, type CommandName } from './usage.js'

export interface CliOptions {
  readonly command: CommandName
  readonly dataDir: string
  readonly mode: NetworkMode
  readonly listen?: readonly string[]
  /** Addresses to announce besides the listening ones (a public IP or name the node cannot see itself). */
  readonly announce?: readonly string[]
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

/** A command line we cannot run; `command` (when known) is the one whose help to suggest. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    readonly command?: CommandName,
  ) {
    super(message)
  }
}

/** What the command line asks for: help (for one command, or all), or a run. */
export type Invocation =
  { readonly kind: 'help'; readonly command?: CommandName } | { readonly kind: 'run'; readonly options: CliOptions }

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

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean', default: false },
  'lan-only': { type: 'boolean', default: false },
  mode: { type: 'string' },
  listen: { type: 'string', multiple: true },
  announce: { type: 'string', multiple: true },
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
  help: { type: 'boolean', short: 'h', default: false },
} as const

function unknownCommand(word: string): UsageError {
  const guess = nearest(word, COMMANDS)
  return new UsageError(`unknown command "${word}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`)
}

/** Node's parse errors, said shortly: an unknown option by name, with the nearest real one. */
function parseError(err: unknown, command: CommandName | undefined): UsageError {
  const code = (err as { code?: unknown } | null)?.code
  const message = err instanceof Error ? err.message : String(err)
  const option = /'(-[^' ]+)/.exec(message)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    const guess = nearest(option.replace(/^-+/, ''), Object.keys(OPTIONS))
    return new UsageError(
      `unknown option "${option}"${guess === undefined ? '' : ` (did you mean --${guess}?)`}`,
      command,
    )
  }
  return new UsageError(message, command)
}

/** Reads the command line: `--help`/`-h` (with or after a command) or `help [COMMAND]` ask for help. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const named = argv.find((word) => !word.startsWith('-'))
  const hinted = isCommand(named) ? named : undefined
  let parsed
  try {
    parsed = readArgs(argv)
  } catch (err) {
    throw parseError(err, hinted)
  }
  const { values, positionals } = parsed
  const [first, ...rest] = positionals
  if (first === 'help') {
    const [topic, ...extra] = rest
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic)
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra.join(' ')}"`, topic)
    return topic === undefined ? { kind: 'help' } : { kind: 'help', command: topic }
  }
  if (values.help) {
    if (first === undefined) return { kind: 'help' }
    if (!isCommand(first)) throw unknownCommand(first)
    return { kind: 'help', command: first }
  }
  try {
    return { kind: 'run', options: runOptions(values, positionals) }
  } catch (err) {
    // every refusal of a run suggests the help of its command
    if (err instanceof UsageError && err.command === undefined && hinted !== undefined) {
      throw new UsageError(err.message, hinted)
    }
    throw err
  }
}

/** The options of a command to run; a help request is a usage error here. */
export function parseCli(argv: readonly string[]): CliOptions {
  const invocation = parseInvocation(argv)
  if (invocation.kind === 'help') throw new UsageError('this asks for help, not a run', invocation.command)
  return invocation.options
}

function readArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS })
}

type ParsedValues = ReturnType<typeof readArgs>['values']

function runOptions(values: ParsedValues, positionals: readonly string[]): CliOptions {
  const [command, ...extra] = positionals
  if (command === undefined) throw new UsageError('missing command')
  if (!isCommand(command)) throw unknownCommand(command)
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
    ...(values.announce === undefined ? {} : { announce: values.announce }),
    ...(bootstrap === undefined ? {} : { bootstrap }),
    ...(values.static === undefined ? {} : { staticDir: values.static }),
  }
}
