import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Result } from '../src/api/index.js'
import { silentLogger } from '../src/core/logger.js'
import { createJobQueue } from '../src/core/job-queue.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import { DEFAULT_KDF_COST, scryptKdf, type Kdf, type KdfCost } from '../src/crypto/kdf.js'
import { createCallLimit } from '../src/hosts/call-limit.js'
import { createInProcessClient } from '../src/hosts/in-process.js'
import { startWebHost } from '../src/hosts/web/web-host.js'
import { PASSWORD, TEST_KDF_COST } from './helpers/accounts.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { memoryAfterGc } from './support/raw-socket.js'
import { connectSignedIn } from './support/web-client.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A KDF that counts how many derivations run at once, and samples the process's RSS after each. */
function countingKdf(real: Kdf = scryptKdf): { kdf: Kdf; maxAtOnce: () => number; peakRss: () => number } {
  let running = 0
  let maxAtOnce = 0
  let peakRss = 0
  return {
    kdf: async (password, salt, cost) => {
      running += 1
      maxAtOnce = Math.max(maxAtOnce, running)
      try {
        return await real(password, salt, cost)
      } finally {
        peakRss = Math.max(peakRss, process.memoryUsage().rss)
        running -= 1
      }
    },
    maxAtOnce: () => maxAtOnce,
    peakRss: () => peakRss,
  }
}

/** A messenger with accounts whose KDF is counted, in offline mode. */
async function countingMessenger(
  host: 'web' | 'in-process',
  kdfCost: KdfCost,
): Promise<{ dir: string; counting: ReturnType<typeof countingKdf>; messenger: Messenger }> {
  const temp = await makeTempDir()
  cleanups.push(temp.cleanup)
  const counting = countingKdf()
  const messenger = createMessenger({
    dataDir: join(temp.path, 'data'),
    host,
    mode: 'offline',
    kdf: counting.kdf,
    kdfCost,
  })
  await messenger.start()
  cleanups.push(() => messenger.stop())
  return { dir: temp.path, counting, messenger }
}

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code
}

describe('the bounded queue for heavy jobs', () => {
  it('runs one at a time in order, lets a few wait, refuses the rest with BUSY', async () => {
    const queue = createJobQueue({ concurrency: 1, maxWaiting: 3, busyMessage: 'busy now' })
    const started: number[] = []
    const gates: (() => void)[] = []
    const jobs = Array.from({ length: 8 }, (_, i) =>
      queue.run(async () => {
        started.push(i)
        await new Promise<void>((resolve) => gates.push(resolve))
        return i
      }),
    )
    const outcomes = Promise.allSettled(jobs)
    expect(queue.load()).toEqual({ running: 1, waiting: 3 })
    for (let i = 0; i < 4; i++) {
      while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve))
      expect(started).toEqual(Array.from({ length: i + 1 }, (_, j) => j))
      gates.shift()?.()
    }
    const settled = await outcomes
    expect(settled.slice(0, 4).map((s) => (s.status === 'fulfilled' ? s.value : -1))).toEqual([0, 1, 2, 3])
    for (const s of settled.slice(4)) {
      expect(s).toMatchObject({ status: 'rejected', reason: { code: 'BUSY', message: 'busy now' } })
    }
    expect(queue.load()).toEqual({ running: 0, waiting: 0 })
  })

  it('frees the slot when a job fails', async () => {
    const queue = createJobQueue({ concurrency: 1, maxWaiting: 0, busyMessage: 'busy' })
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(queue.run(() => Promise.resolve(7))).resolves.toBe(7)
  })

  it('limits calls in flight per caller with a BUSY result', async () => {
    const limit = createCallLimit(2)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow = (): Promise<Result<unknown>> => gate.then(() => ({ ok: true, value: 1 }))
    const calls = [limit.run(slow), limit.run(slow), limit.run(slow)]
    expect(await calls[2]).toMatchObject({ ok: false, error: { code: 'BUSY' } })
    release()
    expect((await Promise.all(calls.slice(0, 2))).map(codeOf)).toEqual(['ok', 'ok'])
    expect(limit.inFlight()).toBe(0)
  })
})

describe('password hashing under a flood of commands', () => {
  it('8 concurrent password changes with a wrong old password over the web host: one scrypt at a time, bounded memory', async () => {
    // the production cost: scrypt N = 2^17, r = 8 (128 MiB per derivation)
    const { dir, counting, messenger } = await countingMessenger('web', DEFAULT_KDF_COST)
    await messenger.handlers.createAccount({ username: 'alice', password: PASSWORD, confirmPassword: PASSWORD })
    const host = await startWebHost({ messenger, staticDir: dir, logger: silentLogger })
    cleanups.push(() => host.close())
    const page = await connectSignedIn(host)
    await memoryAfterGc()
    const baselineRss = process.memoryUsage().rss

    const args = {
      oldPassword: 'not the password',
      newPassword: 'a new password 2',
      confirmPassword: 'a new password 2',
    }
    for (let id = 0; id < 8; id++) page.send({ type: 'call', id, command: 'changePassword', args })
    const codes: string[] = []
    while (codes.length < 8) {
      const frame = await page.next()
      if (frame.type === 'result') codes.push(codeOf(frame.result))
    }
    const growthMb = (Math.max(counting.peakRss(), process.memoryUsage().rss) - baselineRss) / 2 ** 20
    expect(growthMb).toBeLessThan(300)
    expect(counting.maxAtOnce()).toBe(1)
    // one runs, three wait their turn (and are checked, and refused), four are refused at once
    expect(codes.filter((c) => c === 'BUSY')).toHaveLength(4)
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(4)
    // the queue is free again: the right old password changes it
    expect(await page.call(100, 'changePassword', { ...args, oldPassword: PASSWORD })).toMatchObject({
      type: 'result',
      id: 100,
      result: { ok: true },
    })
    page.ws.close()
  })

  it('the queue is in the core: the in-process client (as Electron IPC) meets the same limit', async () => {
    const { counting, messenger } = await countingMessenger('in-process', TEST_KDF_COST)
    const client = createInProcessClient(messenger)
    const session = await client.invoke('createAccount', {
      username: 'bob',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    })
    if (!session.ok || session.value.account === null) throw new Error('no account')
    const { accountId } = session.value.account
    await client.invoke('lockAccount', {})
    const attempts = await Promise.all([
      ...Array.from({ length: 6 }, () => client.invoke('unlockAccount', { accountId, password: 'wrong guess!' })),
      client.invoke('exportBackup', { password: PASSWORD }),
      client.invoke('deleteAccount', { accountId, password: 'wrong guess!', confirmUsername: 'bob' }),
    ])
    const codes = attempts.map(codeOf)
    expect(codes.filter((c) => c === 'BUSY')).toHaveLength(4)
    expect(codes.slice(0, 4)).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD'])
    expect(counting.maxAtOnce()).toBe(1)
    expect(codeOf(await client.invoke('unlockAccount', { accountId, password: PASSWORD }))).toBe('ok')
  })
})
