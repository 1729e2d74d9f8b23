import { request } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { HARD_MAX_FRAME_BYTES, MAX_FRAME_BYTES, type ServerFrame } from '../src/api/index.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import { silentLogger } from '../src/core/logger.js'
import { startWebHost, type WebHost } from '../src/hosts/web/web-host.js'
import { makeTempDir } from './helpers/temp-dir.js'

let host: WebHost
let messenger: Messenger
let cleanup: () => Promise<void>

beforeAll(async () => {
  const dir = await makeTempDir()
  cleanup = dir.cleanup
  const staticDir = join(dir.path, 'static')
  await mkdir(join(staticDir, 'assets'), { recursive: true })
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>')
  await writeFile(join(staticDir, 'assets', 'app.js'), 'export {}')
  await writeFile(join(dir.path, 'outside.txt'), 'must not be served')
  // mDNS stays off: outside a network namespace it would multicast on the machine's real interfaces
  messenger = createMessenger({
    dataDir: join(dir.path, 'data'),
    host: 'web',
    identity: 'node-key',
    mode: 'offline',
    mdns: false,
    listen: ['/ip4/127.0.0.1/tcp/0'],
  })
  await messenger.start()
  host = await startWebHost({ messenger, staticDir, logger: silentLogger })
})

afterAll(async () => {
  await host.close()
  await messenger.stop()
  await cleanup()
})

/** A client socket that records every frame and close, and lets a test await the next one. */
class Client {
  readonly ws: WebSocket
  private readonly frames: ServerFrame[] = []
  private waiters: (() => void)[] = []
  closed: { code: number; reason: string } | undefined

  /** `origin: null` sends no Origin header at all. */
  constructor(origin: string | null = host.origin, hostHeader?: string) {
    const headers: Record<string, string> = {}
    if (hostHeader !== undefined) headers.Host = hostHeader
    this.ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { ...(origin === null ? {} : { origin }), headers })
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

  async hello(): Promise<this> {
    await this.opened()
    this.send({ type: 'hello', secret: host.secret })
    expect(await this.next()).toEqual({ type: 'welcome' })
    return this
  }

  async call(id: number, command: string, args?: unknown): Promise<ServerFrame> {
    this.send({ type: 'call', id, command, args })
    return this.next()
  }
}

function httpGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('web host', () => {
  it('prints a URL whose secret is only in the fragment', () => {
    const url = new URL(host.url)
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.pathname).toBe('/')
    expect(url.search).toBe('')
    expect(url.hash).toBe(`#secret=${host.secret}`)
    expect(host.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('serves the renderer with a CSP and refuses paths outside it', async () => {
    const index = await httpGet('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<title>Parley</title>')
    expect(index.headers['content-security-policy']).toContain("script-src 'self'")
    expect(index.headers['x-frame-options']).toBe('DENY')
    expect((await httpGet('/assets/app.js')).status).toBe(200)
    expect((await httpGet('/../outside.txt')).body).not.toContain('must not be served')
    const encoded = await httpGet('/%2e%2e/outside.txt')
    expect(encoded.status).toBe(404)
    expect(encoded.body).not.toContain('must not be served')
    expect((await httpGet('/missing.js')).status).toBe(404)
  })

  it('answers a request target that is not a valid URL with 400, and keeps serving', async () => {
    expect((await httpGet('//[x')).status).toBe(400)
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}//[`, { origin: host.origin })
        ws.on('open', resolve)
        ws.on('error', reject)
      }),
    ).rejects.toThrow()
    expect((await httpGet('/')).status).toBe(200)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await httpGet('/', { Host: `evil.example:${host.port}` })
    expect(res.status).toBe(421)
    expect(res.body).not.toContain('Parley')
  })

  it('refuses a WebSocket from a foreign origin or without one', async () => {
    await expect(new Client('http://evil.example').opened()).rejects.toThrow('HTTP 403')
    await expect(new Client(null).opened()).rejects.toThrow('HTTP 403')
    await expect(new Client(host.origin, `evil.example:${host.port}`).opened()).rejects.toThrow('HTTP 403')
  })

  it('gives a page without the secret no data', async () => {
    const noHello = new Client()
    await noHello.opened()
    noHello.send({ type: 'call', id: 1, command: 'getNetworkStatus', args: {} })
    expect(await noHello.next()).toMatchObject({ type: 'error', error: { code: 'UNAUTHORIZED' } })
    expect((await noHello.closedWith()).code).toBe(4401)

    const wrong = new Client()
    await wrong.opened()
    wrong.send({ type: 'hello', secret: `${host.secret.slice(0, -1)}x` })
    expect(await wrong.next()).toMatchObject({
      type: 'error',
      error: { code: 'UNAUTHORIZED', message: 'wrong secret' },
    })
    expect((await wrong.closedWith()).code).toBe(4401)
  })

  it('answers calls and reports bad input clearly while it keeps serving', async () => {
    const c = await new Client().hello()
    expect(await c.call(1, 'getAppInfo', {})).toEqual({
      type: 'result',
      id: 1,
      result: { ok: true, value: { name: 'Parley', version: expect.any(String) as string, host: 'web' } },
    })
    expect(await c.call(2, 'launchMissiles', {})).toMatchObject({
      type: 'result',
      id: 2,
      result: { ok: false, error: { code: 'UNKNOWN_COMMAND' } },
    })
    expect(await c.call(3, 'setNetworkMode', { mode: 42 })).toMatchObject({
      type: 'result',
      id: 3,
      result: { ok: false, error: { code: 'INVALID_ARGUMENTS' } },
    })
    c.send('{"type":"call",')
    expect(await c.next()).toMatchObject({ type: 'error', error: { code: 'MALFORMED_FRAME' } })
    c.send({ type: 'call', id: 'seven', command: 'getAppInfo' })
    expect(await c.next()).toMatchObject({ type: 'error', error: { code: 'MALFORMED_FRAME' } })
    c.send({ type: 'subscribe', id: 8 })
    expect(await c.next()).toMatchObject({ type: 'error', id: 8, error: { code: 'MALFORMED_FRAME' } })
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await c.next()).toMatchObject({ type: 'error', error: { code: 'MALFORMED_FRAME' } })
    c.send({ type: 'call', id: 9, command: 'getAppInfo', args: { pad: 'x'.repeat(MAX_FRAME_BYTES) } })
    expect(await c.next()).toMatchObject({ type: 'error', error: { code: 'FRAME_TOO_LARGE' } })
    // still serving on the same socket
    expect(await c.call(10, 'getNetworkStatus', {})).toMatchObject({
      type: 'result',
      id: 10,
      result: { ok: true, value: { mode: 'offline' } },
    })
    c.ws.close()
  })

  it('closes a socket that sends a frame over the hard limit, and serves the others', async () => {
    const bystander = await new Client().hello()
    const flooder = await new Client().hello()
    flooder.send('x'.repeat(HARD_MAX_FRAME_BYTES + 1))
    expect((await flooder.closedWith()).code).toBe(1009)
    expect(await bystander.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
    const fresh = await new Client().hello()
    expect(await fresh.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', result: { ok: true } })
    bystander.ws.close()
    fresh.ws.close()
  })

  it('pushes contract events to authenticated sockets', async () => {
    const c = await new Client().hello()
    c.send({ type: 'call', id: 1, command: 'setNetworkMode', args: { mode: 'lan-only' } })
    // events and the result may come in any order; both must come
    let sawEvent = false
    let sawResult = false
    while (!sawEvent || !sawResult) {
      const frame = await c.next()
      if (frame.type === 'event' && frame.event.name === 'networkModeChanged') sawEvent = true
      if (frame.type === 'result' && frame.id === 1) {
        expect(frame.result).toMatchObject({ ok: true, value: { mode: 'lan-only', running: true } })
        sawResult = true
      }
    }
    await messenger.handlers.setNetworkMode({ mode: 'offline' })
    c.ws.close()
  })

  it('refuses to bind a non-loopback address unless asked', async () => {
    await expect(startWebHost({ messenger, staticDir: '.', host: '0.0.0.0', logger: silentLogger })).rejects.toThrow(
      /refusing to serve on 0\.0\.0\.0/,
    )
  })
})
