/**
 * Structured logger: one JSON object per line, written to an injected sink.
 * The core never writes to the console itself; hosts decide where lines go.
 * Never pass secrets (keys, passwords, message text) as fields.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export type LogFields = Readonly<Record<string, unknown>>

export interface LogRecord {
  readonly time: string
  readonly level: LogLevel
  readonly component: string
  readonly msg: string
  readonly [field: string]: unknown
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** A logger for a sub-component: `parley:network`, … */
  child(component: string): Logger
}

export type LogSink = (record: LogRecord) => void

export interface LoggerOptions {
  readonly sink: LogSink
  readonly level?: LogLevel
  readonly component?: string
  readonly now?: () => number
}

function normalise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message }
  }
  if (typeof value === 'bigint') {
    return value.toString()
  }
  return value
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info']
  const component = options.component ?? 'parley'
  const now = options.now ?? Date.now

  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < threshold) {
      return
    }
    const extra: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(fields ?? {})) {
      extra[key] = normalise(value)
    }
    options.sink({ ...extra, time: new Date(now()).toISOString(), level, component, msg })
  }

  return {
    debug: (msg, fields) => {
      write('debug', msg, fields)
    },
    info: (msg, fields) => {
      write('info', msg, fields)
    },
    warn: (msg, fields) => {
      write('warn', msg, fields)
    },
    error: (msg, fields) => {
      write('error', msg, fields)
    },
    child: (name) => createLogger({ ...options, component: `${component}:${name}` }),
  }
}

/** A sink that writes JSON lines to a writable (stderr for the CLI, a file for Electron). */
export function jsonLineSink(write: (line: string) => void): LogSink {
  return (record) => {
    write(`${JSON.stringify(record)}\n`)
  }
}

/** For tests and embedders that do not want logs. */
export const silentLogger: Logger = createLogger({ sink: () => undefined, level: 'error' })
