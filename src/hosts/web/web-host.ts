import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import {
  API_PATH,
  API_PROTOCOL,
  CLOSE_SESSION_ENDED,
  HARD_MAX_FRAME_BYTES,
  LINK_FRAGMENT_KEY,
  SESSION_PATH,
  type ServerFrame,
} from '../../api/index.js'
import { systemClock, type Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'
import type { Messenger } from '../../core/messenger.js'
import { createConnectionPool } from './connection-pool.js'
import { allowedHosts, isAllowedHost, isAllowedOrigin, isLoopbackHost } from './origin-check.js'
import { cookieName, cookieValues, handleSessionRequest, pageKeyOfProtocols } from './session-endpoint.js'
import { MAX_BUFFERED_BYTES, runSocketSession, type SocketSession } from './socket-session.js'
import { sendText, serveStatic } from './static-files.js'
import { createWebSessions, type BrowserSession, type WebSessionLimits } from './web-sessions.js'

export interface WebHostOptions {
  readonly messenger: Pick<Messenger, 'handlers' | 'subscribe'>
  /** The built renderer (dist/renderer). */
  readonly staticDir: string
  readonly host?: string
  readonly port?: number
  /** Binding anything but loopback exposes the app to the network: only when explicitly asked. */
  readonly allowNonLoopback?: boolean
  readonly logger: Logger
  readonly clock?: Clock
  readonly limits?: Partial<WebHostLimits>
}

export interface WebHostLimits extends WebSessionLimits {
  /** Authenticated WebSockets at once (503 beyond). */
  readonly sockets: number
  /** TCP connections that are not (yet) an authenticated WebSocket; the oldest goes for a newcomer. */
  readonly connections: number
  /** Unread bytes a socket may have waiting before it is disconnected. */
  readonly bufferedBytes: number
}

export interface WebHost {
  /** The first link to open: a one-time token in the fragment, which browsers never send to a server. */
  readonly url: string
  readonly origin: string
  readonly port: number
  /** Another one-time link, for another browser. */
  newLink(): string
  /** Counts for tests and status: open links, sessions, sockets, connections held. */
  stats(): { links: number; sessions: number; sockets: number; connections: number; dropped: number }
  close(): Promise<void>
}

const DEFAULT_LIMITS = { sockets: 16, connections: 64, bufferedBytes: MAX_BUFFERED_BYTES }
/** A request's headers must arrive within this (Node checks every CONNECTIONS_CHECK_MS). */
const HEADERS_TIMEOUT_MS = 10_000
const REQUEST_TIMEOUT_MS = 15_000
const CONNECTIONS_CHECK_MS = 1_000

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
 * WebSocket at /api. Defences: one-time links exchanged for a browser session
 * (an HttpOnly cookie plus a page key), checked at the upgrade, so nothing
 * without a session holds a socket; Host and Origin allow-lists (DNS
 * rebinding); a capped pool of unauthenticated connections; per-socket
 * limits on calls in flight and unread data; CSP and friends on every
 * response; frame size limits; loopback-only by default.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && options.allowNonLoopback !== true) {
    throw new Error(
      `refusing to serve on ${host}: anyone on that network could reach the app. ` +
        'Pass --allow-remote to do it anyway (sign-in links still protect the API).',
    )
  }
  const limits = { ...DEFAULT_LIMITS, ...options.limits }
  const clock = options.clock ?? systemClock
  const log = options.logger
  let allowed = new Set<string>()
  let cookie = ''

  /** Every open socket, with the browser session it belongs to. */
  const live = new Map<WebSocket, { readonly owner: BrowserSession; readonly serving: SocketSession }>()
  const sessions = createWebSessions({
    limits,
    onEnded: (ended) => {
      log.info('browser session ended by a newer one', { session: ended.label })
      for (const [ws, { owner }] of live) {
        if (owner === ended) ws.close(CLOSE_SESSION_ENDED, 'signed out: too many browsers')
      }
    },
  })
  const pool = createConnectionPool(limits.connections, () => {
    log.debug('dropped the oldest unauthenticated connection')
  })

  const server: Server = createServer({
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
  })
  server.on('connection', (socket: Socket) => {
    pool.admit(socket)
  })
  server.on('request', (req, res) => {
    if (!isAllowedHost(req.headers.host, allowed)) {
      sendText(res, 421, 'this host name is not served here')
      return
    }
    const pathname = pathOf(req.url)
    if (pathname === undefined) {
      sendText(res, 400, 'bad request target')
      return
    }
    if (pathname === SESSION_PATH) {
      handleSessionRequest({ sessions, cookie, allowed: () => allowed, log }, req, res).catch((err: unknown) => {
        log.error('sign-in failed', { error: err })
        if (!res.headersSent) sendText(res, 500, 'internal error')
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed')
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

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_MAX_FRAME_BYTES,
    clientTracking: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has(API_PROTOCOL) ? API_PROTOCOL : false),
  })
  const unsubscribe = options.messenger.subscribe((event) => {
    if (live.size === 0) return
    const frame: ServerFrame = { type: 'event', event }
    const text = JSON.stringify(frame)
    for (const { serving } of live.values()) serving.sendText(text)
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (pathOf(req.url) !== API_PATH) {
      rejectUpgrade(socket, 404, 'Not Found')
      return
    }
    if (!isAllowedHost(req.headers.host, allowed) || !isAllowedOrigin(req.headers.origin, allowed)) {
      log.warn('web socket refused: foreign host or origin', { host: req.headers.host, origin: req.headers.origin })
      rejectUpgrade(socket, 403, 'Forbidden')
      return
    }
    const session = sessions.find(
      cookieValues(req.headers.cookie, cookie),
      pageKeyOfProtocols(req.headers['sec-websocket-protocol']),
    )
    if (session === undefined) {
      rejectUpgrade(socket, 401, 'Unauthorized')
      return
    }
    if (wss.clients.size >= limits.sockets) {
      rejectUpgrade(socket, 503, 'Service Unavailable')
      return
    }
    pool.release(socket)
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => {
        log.debug('web socket error', { error: err })
      })
      ws.once('close', (code) => {
        live.delete(ws)
        log.debug('web socket closed', { code, session: session.label })
      })
      const serving = runSocketSession({
        socket: ws,
        handlers: options.messenger.handlers,
        logger: log,
        clock,
        maxBufferedBytes: limits.bufferedBytes,
      })
      live.set(ws, { owner: session, serving })
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
  cookie = cookieName(port)
  const shownHost = host === '::1' ? '[::1]' : host === 'localhost' ? '127.0.0.1' : host
  const origin = `http://${shownHost}:${port}`
  log.info('web host listening', { origin })
  const newLink = (): string => `${origin}/#${LINK_FRAGMENT_KEY}=${sessions.newLink()}`

  return {
    url: newLink(),
    origin,
    port,
    newLink,
    stats: () => ({
      ...sessions.count(),
      sockets: wss.clients.size,
      connections: pool.size(),
      dropped: pool.dropped(),
    }),
    async close() {
      unsubscribe()
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
