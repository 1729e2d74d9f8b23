import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { HARD_MAX_FRAME_BYTES, MAX_FRAME_BYTES, SESSION_PATH } from '../src/api/index.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import { silentLogger } from '../src/core/logger.js'
import { startWebHost, type WebHost } from '../src/hosts/web/web-host.js'
import { makeTempDir } from './helpers/temp-dir.js'
import {
  WebClient,
  connectSignedIn,
  httpRequest,
  linkToken,
  redeemLink,
  signIn,
  type HttpAnswer,
} from './support/web-client.js'

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

const httpGet = (path: string, headers: Record<string, string> = {}): Promise<HttpAnswer> =>
  httpRequest(host, path, { headers })

describe('web host', () => {
  it('prints a link whose one-time token is only in the fragment', () => {
    const url = new URL(host.url)
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.pathname).toBe('/')
    expect(url.search).toBe('')
    expect(url.hash).toMatch(/^#link=[A-Za-z0-9_-]{43}$/)
    expect(host.newLink()).not.toBe(host.url)
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

  it('refuses a WebSocket from a foreign origin or without one, even with a valid session', async () => {
    const credentials = await signIn(host)
    await expect(new WebClient(host, { origin: 'http://evil.example', credentials }).opened()).rejects.toThrow(
      'HTTP 403',
    )
    await expect(new WebClient(host, { origin: null, credentials }).opened()).rejects.toThrow('HTTP 403')
    await expect(
      new WebClient(host, { hostHeader: `evil.example:${host.port}`, credentials }).opened(),
    ).rejects.toThrow('HTTP 403')
  })

  it('signs a browser in once per link: cookie for the session, page key for the page', async () => {
    const link = host.newLink()
    const first = await redeemLink(host, link)
    expect(first.answer.status).toBe(201)
    const setCookie = first.answer.headers['set-cookie']?.[0] ?? ''
    expect(setCookie).toMatch(new RegExp(`^parley_${host.port}=[A-Za-z0-9_-]{43}; `))
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain('Path=/api')
    expect(first.answer.headers['cache-control']).toBe('no-store')
    expect(first.credentials?.pageKey).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // the same link again, from anywhere: refused, and says why
    const again = await redeemLink(host, link)
    expect(again.answer.status).toBe(410)
    expect(again.answer.body).toContain('LINK_USED')
    expect(again.answer.headers['set-cookie']).toBeUndefined()
    // a token that was never printed
    expect((await redeemLink(host, `${host.origin}/#link=${'A'.repeat(43)}`)).answer.status).toBe(401)
    // a link with its end cut off
    const cut = `${host.origin}/#link=${linkToken(host.newLink()).slice(0, 20)}`
    expect((await redeemLink(host, cut)).answer.status).toBe(401)
  })

  it('refuses sign-ins that no page of ours would send, and keeps the link usable', async () => {
    const link = host.newLink()
    const post = (headers: Record<string, string>, body: string): Promise<HttpAnswer> =>
      httpRequest(host, SESSION_PATH, { method: 'POST', headers, body })
    const json = JSON.stringify({ link: linkToken(link) })
    const ours = { Origin: host.origin, 'Content-Type': 'application/json' }
    expect((await redeemLink(host, link, 'http://evil.example')).answer.status).toBe(403)
    expect((await redeemLink(host, link, null)).answer.status).toBe(403)
    expect((await post({ ...ours, 'Content-Type': 'text/plain' }, json)).status).toBe(415)
    expect((await post({ ...ours, 'Sec-Fetch-Site': 'cross-site' }, json)).status).toBe(403)
    expect((await post(ours, '{"link":')).status).toBe(400)
    expect((await post(ours, 'x'.repeat(5000))).status).toBe(413)
    expect((await httpRequest(host, SESSION_PATH, { method: 'PUT', headers: { Origin: host.origin } })).status).toBe(
      405,
    )
    // none of that used the link up
    expect((await redeemLink(host, link)).answer.status).toBe(201)
  })

  it('checks a session with its cookie and page key, and only both', async () => {
    const { cookie, pageKey } = await signIn(host)
    const check = async (headers: Record<string, string>): Promise<number> =>
      (await httpGet(SESSION_PATH, headers)).status
    expect(await check({ Cookie: cookie, 'X-Parley-Page-Key': pageKey })).toBe(204)
    expect(await check({ Cookie: cookie })).toBe(401)
    expect(await check({ 'X-Parley-Page-Key': pageKey })).toBe(401)
    expect(await check({ Cookie: cookie, 'X-Parley-Page-Key': `${pageKey.slice(0, -1)}x` })).toBe(401)
    // another session's key does not go with this cookie
    const other = await signIn(host)
    expect(await check({ Cookie: cookie, 'X-Parley-Page-Key': other.pageKey })).toBe(401)
    // a cookie of the same name set for another path does not hide ours
    const name = cookie.split('=')[0] ?? ''
    expect(await check({ Cookie: `${name}=junk; ${cookie}`, 'X-Parley-Page-Key': pageKey })).toBe(204)
    expect(await check({ Cookie: cookie, 'X-Parley-Page-Key': pageKey, Origin: 'http://evil.example' })).toBe(403)
  })

  it('gives a socket without a whole session nothing: refused at the upgrade, before any frame', async () => {
    const { cookie, pageKey } = await signIn(host)
    const refused = (options: ConstructorParameters<typeof WebClient>[1]): Promise<void> =>
      expect(new WebClient(host, options).opened()).rejects.toThrow('HTTP 401')
    await refused({})
    await refused({ credentials: { cookie, pageKey: 'A'.repeat(43) } })
    await refused({ credentials: { cookie: 'other=1', pageKey } })
    await refused({ credentials: { cookie: `parley_${host.port}=${'B'.repeat(43)}`, pageKey } })
    const c = await connectSignedIn(host, { cookie, pageKey })
    expect(c.ws.protocol).toBe('parley.v1')
    expect(await c.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
    c.ws.close()
  })

  it('answers calls and reports bad input clearly while it keeps serving', async () => {
    const c = await connectSignedIn(host)
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
    c.send({ type: 'hello', secret: 'x' })
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
    const bystander = await connectSignedIn(host)
    const flooder = await connectSignedIn(host)
    flooder.send('x'.repeat(HARD_MAX_FRAME_BYTES + 1))
    expect((await flooder.closedWith()).code).toBe(1009)
    expect(await bystander.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
    const fresh = await connectSignedIn(host)
    expect(await fresh.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', result: { ok: true } })
    bystander.ws.close()
    fresh.ws.close()
  })

  it('pushes contract events to authenticated sockets', async () => {
    const c = await connectSignedIn(host)
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
