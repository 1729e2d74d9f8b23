import { chmod, rm } from 'node:fs/promises'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'
import type { Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'

/**
 * `parley web --new-link` asks the running web host for another one-time link
 * through a Unix socket in the data folder (mode 0600 in a 0700 folder: only
 * the user who runs Parley can connect). One request per connection: the
 * line `new-link`, answered by the link and a newline.
 */
export const LINK_CONTROL_FILE = 'web.sock'
const REQUEST = 'new-link\n'
const MAX_REQUEST_BYTES = 64
const DEADLINE_MS = 2_000
/** Unix socket paths are limited to about 107 bytes. */
const MAX_SOCKET_PATH = 100

export function linkControlPath(dataDir: string): string {
  return join(dataDir, LINK_CONTROL_FILE)
}

export interface LinkControl {
  close(): Promise<void>
}

export class NoWebHostError extends Error {
  override readonly name = 'NoWebHostError'
}

/** Asks the web host running with `dataDir` for a new link. */
export function requestNewLink(dataDir: string, timeoutMs = 5_000): Promise<string> {
  const path = linkControlPath(dataDir)
  return new Promise((resolve, reject) => {
    const socket = connect(path)
    let answer = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error('the running parley web did not answer'))
    }, timeoutMs)
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.end(REQUEST))
    socket.on('data', (chunk: string) => {
      answer += chunk
    })
    socket.on('end', () => {
      clearTimeout(timer)
      const link = answer.trim()
      if (/^https?:\/\/\S+#link=\S+$/.test(link)) resolve(link)
      else reject(new Error(`the running parley web answered: ${link.slice(0, 200) || 'nothing'}`))
    })
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(
        err.code === 'ENOENT' || err.code === 'ECONNREFUSED'
          ? new NoWebHostError(`no parley web is running with --data-dir ${dataDir}`)
          : err,
      )
    })
  })
}

/** Is another host answering on `path`? A file left behind by a crash refuses connections. */
function answering(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path)
    probe.on('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.on('error', () => {
      resolve(false)
    })
  })
}

/**
 * Serves new links on the data folder's socket. Returns undefined (and logs
 * why) where it cannot: Windows, a path too long for a Unix socket, another
 * host already serving this data folder. The terminal's Enter key still works.
 */
export async function startLinkControl(options: {
  readonly dataDir: string
  readonly newLink: () => string
  readonly logger: Logger
  readonly clock: Clock
}): Promise<LinkControl | undefined> {
  const path = linkControlPath(options.dataDir)
  const log = options.logger
  if (process.platform === 'win32' || path.length > MAX_SOCKET_PATH) {
    log.warn('no link control socket here: ask for a new link in the terminal instead', { path })
    return undefined
  }
  if (await answering(path)) {
    log.warn('another parley web serves this data folder: no link control socket', { path })
    return undefined
  }
  await rm(path, { force: true })
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    let request = ''
    const cancel = options.clock.setTimeout(() => socket.destroy(), DEADLINE_MS)
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      request += chunk
      if (request.length > MAX_REQUEST_BYTES) socket.destroy()
    })
    socket.on('end', () => {
      cancel()
      if (request === REQUEST) {
        log.info('new link given out through the control socket')
        socket.end(`${options.newLink()}\n`)
      } else {
        socket.end('unknown request: send "new-link"\n')
      }
    })
    socket.on('error', () => {
      cancel()
    })
    socket.on('close', cancel)
  })
  server.maxConnections = 4
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      resolve()
    })
  })
  // created 0600 from the start, so there is no moment another user could connect; the
  // socket file is made synchronously inside listen(), so the umask is back before anything else runs
  const umask = process.umask(0o177)
  try {
    server.listen(path)
  } finally {
    process.umask(umask)
  }
  await listening
  await chmod(path, 0o600)
  return {
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
      await rm(path, { force: true })
    },
  }
}
