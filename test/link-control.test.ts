import { execFile, spawn } from 'node:child_process'
import { stat, writeFile } from 'node:fs/promises'
import { connect, createServer } from 'node:net'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../src/core/clock.js'
import { silentLogger } from '../src/core/logger.js'
import { NoWebHostError, linkControlPath, requestNewLink, startLinkControl } from '../src/hosts/web/link-control.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { CliPeer, requireBuiltCli } from './support/cli-process.js'
import { redeemLink } from './support/web-client.js'

const run = promisify(execFile)
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempDir(): Promise<string> {
  const dir = await makeTempDir()
  cleanups.push(dir.cleanup)
  return dir.path
}

async function control(dataDir: string, newLink: () => string): ReturnType<typeof startLinkControl> {
  const started = await startLinkControl({ dataDir, newLink, logger: silentLogger, clock: systemClock })
  if (started !== undefined) cleanups.push(() => started.close())
  return started
}

describe('new links from the running web host', () => {
  it('hands out a new link per request, on a socket only its user can open', async () => {
    const dataDir = await tempDir()
    let n = 0
    await control(dataDir, () => `http://127.0.0.1:1/#link=${String(++n).padStart(43, 'x')}`)
    expect(((await stat(linkControlPath(dataDir))).mode & 0o777).toString(8)).toBe('600')
    const first = await requestNewLink(dataDir)
    const second = await requestNewLink(dataDir)
    expect(first).toMatch(/#link=x+1$/)
    expect(second).toMatch(/#link=x+2$/)
  })

  it('says clearly when no web host runs, and replaces a socket file left by a crash', async () => {
    const dataDir = await tempDir()
    await expect(requestNewLink(dataDir)).rejects.toBeInstanceOf(NoWebHostError)
    // a dead socket file, as a killed host leaves it
    const stale = createServer()
    await new Promise<void>((resolve) => stale.listen(linkControlPath(dataDir), resolve))
    await new Promise<void>((resolve) => {
      stale.close(() => {
        resolve()
      })
    })
    await writeFile(linkControlPath(dataDir), '')
    await expect(requestNewLink(dataDir)).rejects.toBeInstanceOf(NoWebHostError)
    await control(dataDir, () => 'http://127.0.0.1:1/#link=fresh')
    await expect(requestNewLink(dataDir)).resolves.toBe('http://127.0.0.1:1/#link=fresh')
  })

  it('leaves the socket to a host already serving the data folder', async () => {
    const dataDir = await tempDir()
    await control(dataDir, () => 'http://127.0.0.1:1/#link=first')
    expect(await control(dataDir, () => 'http://127.0.0.1:1/#link=second')).toBeUndefined()
    await expect(requestNewLink(dataDir)).resolves.toBe('http://127.0.0.1:1/#link=first')
  })

  it('answers anything but "new-link" with an error, not a link', async () => {
    const dataDir = await tempDir()
    await control(dataDir, () => 'http://127.0.0.1:1/#link=never')
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(linkControlPath(dataDir))
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      socket.on('end', () => {
        resolve(text)
      })
      socket.end('give me everything\n')
    })
    expect(answer).toContain('unknown request')
    expect(answer).not.toContain('#link=')
  })

  it('parley web prints a link; parley web --new-link prints another that signs in a second browser', async () => {
    const cli = requireBuiltCli()
    const dataDir = await tempDir()
    const web = new CliPeer(
      spawn(process.execPath, [cli, 'web', '--data-dir', dataDir, '--mode', 'offline', '--no-mdns'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    )
    cleanups.push(() => web.stop())
    const printed = (await web.waitForLine((l) => /^\s+http:\/\/127\.0\.0\.1:\d+\/#link=/.test(l))).trim()
    await web.waitForLine((l) => l.includes(`or run: parley web --new-link --data-dir ${dataDir}`))
    const origin = new URL(printed).origin
    const host = { port: Number(new URL(printed).port), origin }
    expect((await redeemLink(host, printed)).answer.status).toBe(201)
    expect((await redeemLink(host, printed)).answer.status).toBe(410)

    const { stdout } = await run(process.execPath, [cli, 'web', '--new-link', '--data-dir', dataDir])
    const another = stdout.trim()
    expect(another).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#link=[A-Za-z0-9_-]{43}$/)
    expect(another).not.toBe(printed)
    expect((await redeemLink(host, another)).answer.status).toBe(201)

    await web.stop()
    const failed = await run(process.execPath, [cli, 'web', '--new-link', '--data-dir', dataDir]).catch(
      (err: unknown) => err as { code: number; stderr: string },
    )
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('no parley web is running') as string })
  })
})
