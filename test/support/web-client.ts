import { request } from 'node:http'
import WebSocket from 'ws'
import { API_PROTOCOL, PAGE_KEY_PROTOCOL_PREFIX, SESSION_PATH, type ServerFrame } from '../../src/api/index.js'
import type { WebHost } from '../../src/hosts/web/web-host.js'

export interface HttpAnswer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** One HTTP request to the host, as a script (not a browser) would send it. */
export function httpRequest(
  host: Pick<WebHost, 'port'>,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** What a signed-in browser holds: the cookie it sends and the page key its page keeps. */
export interface Credentials {
  readonly cookie: string
  readonly pageKey: string
}

export function linkToken(link: string): string {
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('link')
  if (token === null) throw new Error(`no token in ${link}`)
  return token
}

/** Trades a link for a session, as the page does; returns the raw answer too. */
export async function redeemLink(
  host: Pick<WebHost, 'port' | 'origin'>,
  link: string,
  origin: string | null = host.origin,
): Promise<{ answer: HttpAnswer; credentials?: Credentials }> {
  const answer = await httpRequest(host, SESSION_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(origin === null ? {} : { Origin: origin }) },
    body: JSON.stringify({ link: linkToken(link) }),
  })
  if (answer.status !== 201) return { answer }
  const setCookie = answer.headers['set-cookie']?.[0]
  const cookie = setCookie?.split(';')[0]
  const { pageKey } = JSON.parse(answer.body) as { pageKey: string }
  if (cookie === undefined) throw new Error('no cookie in the sign-in answer')
  return { answer, credentials: { cookie, pageKey } }
}

export async function signIn(host: WebHost): Promise<Credentials> {
  const { answer, credentials } = await redeemLink(host, host.newLink())
  if (credentials === undefined) throw new Error(`sign-in refused: ${answer.status} ${answer.body}`)
  return credentials
}

export interface ClientOptions {
  /** `null` sends no Origin header at all. */
  readonly origin?: string | null
  readonly hostHeader?: string
  readonly credentials?: Credentials
  readonly path?: string
}

/** A client socket that records every frame and close, and lets a test await the next one. */
export class WebClient {
  readonly ws: WebSocket
  private readonly frames: ServerFrame[] = []
  private waiters: (() => void)[] = []
  closed: { code: number; reason: string } | undefined

  constructor(host: Pick<WebHost, 'port' | 'origin'>, options: ClientOptions = {}) {
    const headers: Record<string, string> = {}
    if (options.hostHeader !== undefined) headers.Host = options.hostHeader
    if (options.credentials !== undefined) headers.Cookie = options.credentials.cookie
    const origin = options.origin === undefined ? host.origin : options.origin
    const protocols =
      options.credentials === undefined
        ? [API_PROTOCOL]
        : [API_PROTOCOL, `${PAGE_KEY_PROTOCOL_PREFIX}${options.credentials.pageKey}`]
    this.ws = new WebSocket(`ws://127.0.0.1:${host.port}${options.path ?? '/api'}`, protocols, {
      ...(origin === null ? {} : { origin }),
      headers,
    })
    this.ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as ServerFrame)
      this.wake()
    })
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
      this.wake()
    })
    this.ws.on('error', () => {
      this.wake()
    })
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w()
  }

  /** Resolves when the upgrade succeeds; rejects with `HTTP <status>` when it is refused. */
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        resolve()
      })
      this.ws.once('unexpected-response', (_req, res) => {
        reject(new Error(`HTTP ${res.statusCode}`))
      })
      this.ws.once('error', reject)
    })
  }

  async next(): Promise<ServerFrame> {
    for (;;) {
      const frame = this.frames.shift()
      if (frame !== undefined) return frame
      if (this.closed !== undefined) throw new Error(`socket closed (${this.closed.code}) before a frame arrived`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    while (this.closed === undefined) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.closed
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value))
  }

  /** Open and wait for the host's welcome. */
  async welcomed(): Promise<this> {
    await this.opened()
    const first = await this.next()
    if (first.type !== 'welcome') throw new Error(`expected welcome, got ${JSON.stringify(first)}`)
    return this
  }

  /** Sends a call and returns the next frame that is not an event (its result, or a frame error). */
  async call(id: number, command: string, args?: unknown): Promise<ServerFrame> {
    this.send({ type: 'call', id, command, args })
    for (;;) {
      const frame = await this.next()
      if (frame.type !== 'event') return frame
    }
  }
}

/** A signed-in client, welcomed. */
export async function connectSignedIn(host: WebHost, credentials?: Credentials): Promise<WebClient> {
  return new WebClient(host, { credentials: credentials ?? (await signIn(host)) }).welcomed()
}
