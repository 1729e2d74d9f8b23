import type { IncomingMessage, ServerResponse } from 'node:http'
import { PAGE_KEY_HEADER, PAGE_KEY_PROTOCOL_PREFIX, type SessionGrant } from '../../api/index.js'
import type { Logger } from '../../core/logger.js'
import { isAllowedOrigin } from './origin-check.js'
import { SECURITY_HEADERS } from './static-files.js'
import type { WebSessions } from './web-sessions.js'

/** A sign-in body is `{"link":"<43 characters>"}`: anything much longer is not one. */
const MAX_BODY_BYTES = 1024

/** The session cookie's name carries the port: cookies are per host, not per port, and two hosts may run side by side. */
export function cookieName(port: number): string {
  return `parley_${port}`
}

/** Every value of cookie `name` in a Cookie header (a cookie of the same name may be set for another path). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return []
  const values: string[] = []
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim())
  }
  return values
}

/** The page key a WebSocket upgrade offers as a subprotocol (`parley.key.<key>`). */
export function pageKeyOfProtocols(header: string | undefined): string | undefined {
  for (const protocol of (header ?? '').split(',')) {
    const trimmed = protocol.trim()
    if (trimmed.startsWith(PAGE_KEY_PROTOCOL_PREFIX)) return trimmed.slice(PAGE_KEY_PROTOCOL_PREFIX.length)
  }
  return undefined
}

export interface SessionEndpoint {
  readonly sessions: WebSessions
  readonly cookie: string
  readonly allowed: () => ReadonlySet<string>
  readonly log: Logger
}

function answer(res: ServerResponse, status: number, body?: unknown, extra: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    'Cache-Control': 'no-store',
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

function failure(res: ServerResponse, status: number, code: string, message: string): void {
  answer(res, status, { error: { code, message } })
}

/** The body, or undefined when it is over `max` bytes (the request is then answered 413 by the caller). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        resolve(undefined)
        req.removeAllListeners('data')
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

function linkOf(body: Buffer): string | undefined {
  try {
    const json: unknown = JSON.parse(body.toString('utf8'))
    if (typeof json === 'object' && json !== null && 'link' in json && typeof json.link === 'string') return json.link
  } catch {
    return undefined
  }
  return undefined
}

/** A fetch from another site or origin says so in Sec-Fetch-Site; a page of ours says same-origin (or nothing: an older browser, a script). */
function sameOriginFetch(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin'
}

/**
 * `POST /api/session {"link": T}`: exchanges a link token for a session —
 * 201 with the cookie and `{"pageKey": K}`, 410 when the link was used
 * already, 401 when it is not a link of this run. `GET /api/session` with the
 * cookie and the page key in `X-Parley-Page-Key`: 204 when that session is
 * valid, 401 otherwise. Both need our Host (checked by the caller); the POST
 * needs our Origin and a JSON body, so no other page can make the browser send it.
 */
export async function handleSessionRequest(
  endpoint: SessionEndpoint,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const origin = req.headers.origin
  if (req.method === 'GET' || req.method === 'HEAD') {
    if ((origin !== undefined && !isAllowedOrigin(origin, endpoint.allowed())) || !sameOriginFetch(req)) {
      failure(res, 403, 'FORBIDDEN', 'only a page of this Parley may check its session')
      return
    }
    const pageKey = req.headers[PAGE_KEY_HEADER.toLowerCase()]
    const session = endpoint.sessions.find(
      cookieValues(req.headers.cookie, endpoint.cookie),
      typeof pageKey === 'string' ? pageKey : undefined,
    )
    if (session === undefined) failure(res, 401, 'UNAUTHORIZED', 'this browser is not signed in to this Parley')
    else answer(res, 204)
    return
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, HEAD, POST')
    failure(res, 405, 'METHOD_NOT_ALLOWED', 'use POST to sign in, GET to check the session')
    return
  }
  if (!isAllowedOrigin(origin, endpoint.allowed()) || !sameOriginFetch(req)) {
    endpoint.log.warn('sign-in refused: foreign or missing origin', { origin: origin ?? null })
    failure(res, 403, 'FORBIDDEN', 'only a page of this Parley may sign in')
    return
  }
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    failure(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send {"link": "…"} as application/json')
    return
  }
  const body = await readBody(req, MAX_BODY_BYTES)
  if (body === undefined) {
    res.setHeader('Connection', 'close')
    failure(res, 413, 'TOO_LARGE', `a sign-in request is at most ${MAX_BODY_BYTES} bytes`)
    return
  }
  const link = linkOf(body)
  if (link === undefined) {
    failure(res, 400, 'MALFORMED', 'send {"link": "…"} with the token from the link')
    return
  }
  const redeemed = endpoint.sessions.redeem(link)
  if (!redeemed.ok) {
    endpoint.log.warn('sign-in refused', { reason: redeemed.reason })
    if (redeemed.reason === 'used') {
      failure(res, 410, 'LINK_USED', 'this link was used already: each link signs in one browser, once')
    } else {
      failure(res, 401, 'UNAUTHORIZED', 'this is not a link of the Parley running now')
    }
    return
  }
  endpoint.log.info('browser signed in', { session: redeemed.session.label })
  const grant: SessionGrant = { pageKey: redeemed.pageKey }
  answer(res, 201, grant, {
    'Set-Cookie': `${endpoint.cookie}=${redeemed.sessionId}; Path=/api; HttpOnly; SameSite=Strict`,
  })
}
