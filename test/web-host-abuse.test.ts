import type { Socket } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CommandHandlers, NetworkStatus, ServerFrame } from '../src/api/index.js'
import { createLogger, type LogRecord } from '../src/core/logger.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import { MAX_BUFFERED_BYTES } from '../src/hosts/web/socket-session.js'
import { startWebHost, type WebHost, type WebHostOptions } from '../src/hosts/web/web-host.js'
import { makeTempDir } from './helpers/temp-dir.js'
import {
  clientTextFrame,
  closed,
  memoryAfterGc,
  rawConnection,
  rawWebSocket,
  writeUntil,
} from './support/raw-socket.js'
import { WebClient, connectSignedIn, httpRequest, signIn } from './support/web-client.js'

/**
 * A hostile program on the same machine against the web host: it can connect
 * to the port, send the page's Origin, open and hold as many connections as
 * it likes — but it has no link. These tests show it cannot lock the real
 * page out, grow the host's memory, or get its honest bursts cut off.
 */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Log records as they come; `nth(msg, n)` resolves once `n` records with that message were logged. */
function logWatcher(): { sink: (record: LogRecord) => void; nth: (msg: string, n: number) => Promise<LogRecord> } {
  const seen: LogRecord[] = []
  const waiters: (() => void)[] = []
  return {
    sink: (record) => {
      seen.push(record)
      for (const w of waiters.splice(0)) w()
    },
    nth: async (msg, n) => {
      for (;;) {
        const found = seen.filter((r) => r.msg === msg)[n - 1]
        if (found !== undefined) return found
        await new Promise<void>((resolve) => waiters.push(resolve))
      }
    },
  }
}

async function startHost(
  overrides: Partial<WebHostOptions> = {},
  handlers?: (real: CommandHandlers) => CommandHandlers,
): Promise<{ host: WebHost; messenger: Messenger; logs: ReturnType<typeof logWatcher> }> {
  const dir = await makeTempDir()
  cleanups.push(dir.cleanup)
  const messenger = createMessenger({
    dataDir: join(dir.path, 'data'),
    host: 'web',
    identity: 'node-key',
    mode: 'offline',
  })
  await messenger.start()
  cleanups.push(() => messenger.stop())
  const logs = logWatcher()
  const host = await startWebHost({
    messenger: {
      handlers: handlers === undefined ? messenger.handlers : handlers(messenger.handlers),
      subscribe: (listener) => messenger.subscribe(listener),
    },
    staticDir: dir.path,
    logger: createLogger({ sink: logs.sink, level: 'debug' }),
    ...overrides,
  })
  cleanups.push(() => host.close())
  return { host, messenger, logs }
}

/** Keeps `count` attackers busy until stopped: each reopens as soon as its attempt ends. */
function attackers(
  count: number,
  attempt: () => Promise<unknown>,
): { rounds: () => number; stop: () => Promise<void> } {
  let stopped = false
  let rounds = 0
  const loops = Array.from({ length: count }, async () => {
    while (!stopped) {
      await attempt().catch(() => undefined)
      rounds += 1
    }
  })
  return {
    rounds: () => rounds,
    stop: async () => {
      stopped = true
      await Promise.all(loops)
    },
  }
}

/** A connection that sends half a request and holds it; resolves when the host closes it. */
async function holdHalfRequest(port: number, held: Socket[]): Promise<void> {
  const socket = await rawConnection(port)
  held.push(socket)
  socket.on('error', () => undefined)
  socket.write(`GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n`)
  await closed(socket)
}

describe('web host against a hostile local program', () => {
  it('32 sockets without a session, reopened as they close, and 32 half-sent requests do not keep the page out', async () => {
    const { host } = await startHost()
    // sockets with the page's own Origin but no session: refused at the upgrade, so they hold no slot
    const noSession = attackers(32, () => new WebClient(host).opened())
    const held: Socket[] = []
    const holders = attackers(32, () => holdHalfRequest(host.port, held))
    // both kinds are at it: every refused socket has come back at least twice, every holder is connected
    while (noSession.rounds() < 64 || held.length < 32) await new Promise((resolve) => setImmediate(resolve))

    // the real page: signs in and connects at its first attempt, and its calls are answered
    const page = await connectSignedIn(host)
    expect(await page.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 1, result: { ok: true } })
    expect(host.stats().sockets).toBe(1)

    await noSession.stop()
    for (const socket of held) socket.destroy()
    await holders.stop()
    // and the page kept working through all of it
    expect(await page.call(2, 'getNetworkStatus', {})).toMatchObject({ type: 'result', id: 2, result: { ok: true } })
    page.ws.close()
  })

  it('holding connections by the hundred only pushes out the oldest holders, never the page', async () => {
    const { host } = await startHost({ limits: { connections: 8 } })
    const held: Socket[] = []
    for (let i = 0; i < 20; i++) {
      const socket = await rawConnection(host.port)
      socket.on('error', () => undefined)
      socket.write('GET / HTTP/1.1\r\n')
      held.push(socket)
    }
    // the 12 oldest were dropped for newcomers, in order; the 8 newest are held
    await Promise.all(held.slice(0, 12).map(closed))
    expect(held.slice(12).every((s) => !s.destroyed)).toBe(true)
    expect(host.stats()).toMatchObject({ connections: 8, dropped: 12 })

    const page = await connectSignedIn(host)
    expect(await page.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', result: { ok: true } })
    // an authenticated socket is not in the pool: more holders cannot push it out
    for (let i = 0; i < 10; i++) (await rawConnection(host.port)).on('error', () => undefined)
    expect(await page.call(2, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 2, result: { ok: true } })
    expect(page.closed).toBeUndefined()
    page.ws.close()
    for (const socket of held) socket.destroy()
  })

  it('disconnects a client that sends but stops reading, and its memory is released', async () => {
    const { host, logs } = await startHost()
    const credentials = await signIn(host)
    // warm up the path once, then the baseline
    const warm = await connectSignedIn(host, credentials)
    await warm.call(1, 'getNetworkStatus', {})
    warm.ws.close()
    await warm.closedWith()
    const baseline = await memoryAfterGc()

    const socket = await rawWebSocket(host.port, host.origin, credentials)
    socket.on('error', () => undefined)
    const batch = Buffer.concat(
      Array.from({ length: 500 }, (_, i) =>
        clientTextFrame(JSON.stringify({ type: 'call', id: i, command: 'getNetworkStatus', args: {} })),
      ),
    )
    let cut = false
    const disconnected = logs.nth('web client is not reading: disconnected', 1).then((record) => {
      cut = true
      return record
    })
    // up to 400,000 calls (about 80 MB of answers unread): the host must cut it off long before
    const batches = await writeUntil(socket, batch, () => cut, 800)
    const record = await disconnected
    expect(batches).toBeLessThan(800)
    expect(record.buffered).toBeGreaterThan(MAX_BUFFERED_BYTES)
    // on the host's side: the warm-up socket, then this one, closed
    expect((await logs.nth('web socket closed', 2)).code).toBe(1006)
    expect(host.stats().sockets).toBe(0)
    socket.destroy()

    const after = await memoryAfterGc()
    expect(after).toBeLessThan(baseline * 1.1)
    // and the host still serves
    const again = await connectSignedIn(host, credentials)
    expect(await again.call(1, 'getAppInfo', {})).toMatchObject({ type: 'result', result: { ok: true } })
    again.ws.close()
  })

  it('answers a burst of 200 calls beyond the 64 in flight with BUSY and keeps the socket open', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { host } = await startHost({}, (real) => ({
      ...real,
      getNetworkStatus: async (args): Promise<NetworkStatus> => {
        await gate
        return real.getNetworkStatus(args)
      },
    }))
    const page = await connectSignedIn(host)
    for (let id = 0; id < 200; id++) page.send({ type: 'call', id, command: 'getNetworkStatus', args: {} })
    const busy: number[] = []
    while (busy.length < 136) {
      const frame: ServerFrame = await page.next()
      if (frame.type !== 'result' || frame.result.ok || frame.result.error.code !== 'BUSY') {
        throw new Error(`expected BUSY, got ${JSON.stringify(frame)}`)
      }
      busy.push(frame.id)
    }
    // the first 64 are in flight; everything after them was refused, not queued
    expect(busy).toEqual(Array.from({ length: 136 }, (_, i) => i + 64))
    release()
    const done = new Set<number>()
    while (done.size < 64) {
      const frame = await page.next()
      if (frame.type === 'result' && frame.result.ok) done.add(frame.id)
    }
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i))
    // 136 refusals counted as no protocol errors: the socket is open and serving
    expect(page.closed).toBeUndefined()
    expect(await page.call(1000, 'getAppInfo', {})).toMatchObject({ type: 'result', id: 1000, result: { ok: true } })
    page.ws.close()
  })

  it('a new browser session beyond the cap signs the oldest out, with its sockets', async () => {
    const { host } = await startHost({ limits: { sessions: 2 } })
    const first = await signIn(host)
    const firstPage = await connectSignedIn(host, first)
    await signIn(host)
    await signIn(host)
    expect((await firstPage.closedWith()).code).toBe(4401)
    const check = await httpRequest(host, '/api/session', {
      headers: { Cookie: first.cookie, 'X-Parley-Page-Key': first.pageKey },
    })
    expect(check.status).toBe(401)
    expect(host.stats().sessions).toBe(2)
  })
})
