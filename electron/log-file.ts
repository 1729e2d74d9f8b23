import { createWriteStream, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger, jsonLineSink, type Logger } from '../src/core/logger.js'

export interface LogFile {
  readonly logger: Logger
  readonly path: string
  /** Flush and close the file (the logger writes nowhere afterwards). */
  close(): Promise<void>
}

/**
 * The main process logs JSON lines (the core's format) to `<dir>/main.log`,
 * mirrored to stderr when asked (development). Never the console.
 */
export function openLogFile(dir: string, options: { readonly mirrorToStderr: boolean }): LogFile {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, 'main.log')
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 })
  let open = true
  stream.on('error', (err) => {
    open = false
    process.stderr.write(`Parley: cannot write the log file ${path}: ${err.message}\n`)
  })
  const write = (line: string): void => {
    if (open) {
      stream.write(line)
    }
    if (options.mirrorToStderr) {
      process.stderr.write(line)
    }
  }
  return {
    logger: createLogger({ sink: jsonLineSink(write) }),
    path,
    close: () =>
      new Promise((resolve) => {
        if (!open) {
          resolve()
          return
        }
        open = false
        stream.end(resolve)
      }),
  }
}
