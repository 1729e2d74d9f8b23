import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { randomBytes } from '@noble/hashes/utils.js'
import { WebSocketServer } from 'ws'
import { HARD_MAX_FRAME_BYTES } from '../../api/index.js'
import type { Logger } from '../../core/logger.js'
import type { Messenger } from '../../core/messenger.js'
import { allowedHosts, isAllowedHost, isAllowedOrigin, isLoopbackHost } from './origin-check.js'
import { runSocketSession } from './socket-session.js'
import { sendText, serveStatic } from './static-files.js'

export interface WebHostOptions {
  readonly messenger: Pick<Messenger, 'handlers' | 'subscribe'>
  /** The built renderer (dist/renderer). */
  readonly staticDir: string
  readonly host?: string
  readonly port?: number
  /** Binding anything but loopback exposes the app to the network: only when explicitly asked. */
  readonly allowNonLoopback?: boolean
  /** Fixed secret (tests); default: 32 random bytes per run. */
  readonly secret?: string
  readonly logger: Logger
}

export interface WebHost {
  /** The link to open: the secret travels in the fragment, which browsers never send to a server. */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly secret: string
  close(): Promise<void>
}

const API_PATH = '/api'
const MAX_SOCKETS = 16

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}

/** The path of a request target, or undefined when it does not parse (e.g. `//[x`). */
function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname
  } catch {
    return undefined
  }
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/**
 * Serves the renderer on 127.0.0.1 and bridges the API contract over a
 * WebSocket at /api. Defences: per-run secret (fragment → first frame, never a
 * URL path or query), Host and Origin allow-lists (DNS rebinding), CSP and
 * friends on every response, frame size limits, loopback-only by default.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && options.allowNonLoopback !== true) {
    throw new Error(
      `refusing to serve on ${host}: anyone on that network could reach the app. ` +
        'Pass --allow-remote to do it anyway (the secret still protects the API).',
    )
  }
  const secret = options.secret ?? base64url(randomBytes(32))
  const log = options.logger
  let allowed = new Set<string>()

  const server: Server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, allowed)) {
      sendText(res, 421, 'this host name is not served here')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed')
      return
    }
    const pathname = pathOf(req.url)
    if (pathname === undefined) {
      sendText(res, 400, 'bad request target')
      return
    }
    if (pathname === API_PATH) {
      sendText(res, 426, 'WebSocket upgrade required')
      return
    }
    serveStatic(options.staticDir, pathname, res, req.method === 'HEAD').catch((err: unknown) => {
      log.error('static file failed', { error: err })
      if (!res.headersSent) {
        sendText(res, 500, 'internal error')
      }
    })
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_FRAME_BYTES, clientTracking: true })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = pathOf(req.url)
    if (pathname !== API_PATH) {
      rejectUpgrade(socket, 404, 'Not Found')
      return
    }
    if (!isAllowedHost(req.headers.host, allowed) || !isAllowedOrigin(req.headers.origin, allowed)) {
      log.warn('web socket refused: foreign host or origin', { host: req.headers.host, origin: req.headers.origin })
      rejectUpgrade(socket, 403, 'Forbidden')
      return
    }
    if (wss.clients.size >= MAX_SOCKETS) {
      rejectUpgrade(socket, 503, 'Service Unavailable')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => {
        log.debug('web socket error', { error: err })
      })
      runSocketSession({
        socket: ws,
        secret,
        handlers: options.messenger.handlers,
        subscribe: options.messenger.subscribe,
        logger: log,
      })
    })
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolvePromise()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('the web host has no TCP address')
  }
  const port = address.port
  allowed = allowedHosts(host, port)
  const shownHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host
  const origin = `http://${shownHost}:${port}`
  log.info('web host listening', { origin })

  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    secret,
    async close() {
      for (const client of wss.clients) {
        client.close(1001, 'server shutting down')
      }
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolvePromise) =>
        server.close(() => {
          resolvePromise()
        }),
      )
    },
  }
}
