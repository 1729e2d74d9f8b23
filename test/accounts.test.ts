import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatchCommand } from '../src/api/index.js'
import { MIN_LOG_N } from '../src/crypto/kdf.js'
import type { MessengerOptions } from '../src/core/messenger.js'
import { PASSWORD, TEST_KDF_COST, spyKdf } from './helpers/accounts.js'
import { register, startApp, value, type TestApp } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { allFiles } from './helpers/files.js'
import { makeTempDir } from './helpers/temp-dir.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const app = (overrides: Partial<MessengerOptions> = {}, dataDir?: string): Promise<TestApp> =>
  startApp(cleanups, overrides, dataDir)

describe('accounts', () => {
  it('registers, locks and unlocks with the right password; the network starts only when unlocked', async () => {
    const { client } = await app()
    expect(await value(client.invoke('getSession', {}))).toEqual({ account: null, accounts: [] })
    expect(await client.invoke('getNetworkStatus', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })

    const created = await register(client)
    expect(created.account?.username).toBe('alice')
    const status = await value(client.invoke('getNetworkStatus', {}))
    expect(status.running).toBe(true)
    const peerId = status.peerId

    const locked = waitForEvent(client, 'sessionChanged', (s) => s.account === null)
    expect(await value(client.invoke('lockAccount', {}))).toMatchObject({
      account: null,
      accounts: [{ username: 'alice' }],
    })
    await locked
    expect(await client.invoke('getNetworkStatus', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await client.invoke('getProfile', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })

    const accountId = created.account?.accountId ?? ''
    const unlocked = await value(client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    expect(unlocked.account).toEqual(created.account)
    // the same identity: the peer ID is the account's
    expect((await value(client.invoke('getNetworkStatus', {}))).peerId).toBe(peerId)
  })

  it('keeps several accounts apart, each with its own identity', async () => {
    const { client } = await app()
    const a = await register(client, 'alice')
    const idA = (await value(client.invoke('getNetworkStatus', {}))).peerId
    const b = await register(client, 'bob')
    const idB = (await value(client.invoke('getNetworkStatus', {}))).peerId
    expect(idB).not.toBe(idA)
    expect(b.accounts.map((x) => x.username)).toEqual(['alice', 'bob'])
    expect(b.account?.username).toBe('bob')
    const again = await client.invoke('createAccount', {
      username: 'ALICE',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    })
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', fields: { username: expect.any(String) as string } },
    })
    expect(a.account?.accountId).toBeDefined()
  })

  it('refuses a wrong password clearly, changes nothing, and pays the stored KDF cost for the guess', async () => {
    const spy = spyKdf()
    const { client, dataDir } = await app({ kdf: spy.kdf })
    const created = await register(client)
    const accountId = created.account?.accountId ?? ''
    await value(client.invoke('lockAccount', {}))
    const before = await allFiles(join(dataDir, 'accounts'))
    spy.calls.length = 0

    const wrong = await client.invoke('unlockAccount', { accountId, password: 'not the password' })
    expect(wrong).toEqual({ ok: false, error: { code: 'WRONG_PASSWORD', message: 'wrong password' } })
    expect(spy.calls).toEqual([TEST_KDF_COST])
    expect(await value(client.invoke('getSession', {}))).toMatchObject({ account: null })
    const after = await allFiles(join(dataDir, 'accounts'))
    expect(after.map((f) => f.path)).toEqual(before.map((f) => f.path))
    for (const [i, file] of after.entries()) expect(file.bytes.equals(before[i]?.bytes ?? Buffer.alloc(0))).toBe(true)

    expect((await client.invoke('unlockAccount', { accountId, password: PASSWORD })).ok).toBe(true)
  })

  it('uses scrypt N ≥ 2^17, r = 8, p = 1 by default, calibrated and recorded in the vault', async () => {
    const { client, dataDir } = await app({ kdfCost: undefined })
    const created = await register(client)
    const vault = JSON.parse(
      await readFile(join(dataDir, 'accounts', created.account?.accountId ?? '', 'vault.json'), 'utf8'),
    ) as { kdf: { name: string; logN: number; r: number; p: number; salt: string; calibratedMs: number } }
    expect(vault.kdf.name).toBe('scrypt')
    expect(vault.kdf.logN).toBeGreaterThanOrEqual(MIN_LOG_N)
    expect(vault.kdf.r).toBe(8)
    expect(vault.kdf.p).toBe(1)
    expect(Buffer.from(vault.kdf.salt, 'base64')).toHaveLength(32)
    expect(vault.kdf.calibratedMs).toBeGreaterThan(0)
  })

  it('changes the password: the new one unlocks, the old one does not', async () => {
    const { client } = await app()
    const created = await register(client)
    const accountId = created.account?.accountId ?? ''
    const newPassword = 'a completely different passphrase'
    expect(
      await client.invoke('changePassword', {
        oldPassword: 'wrong wrong wrong',
        newPassword,
        confirmPassword: newPassword,
      }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
    expect(
      await client.invoke('changePassword', { oldPassword: PASSWORD, newPassword, confirmPassword: 'typo' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS', fields: { confirmPassword: expect.any(String) as string } },
    })
    expect(
      await client.invoke('changePassword', { oldPassword: PASSWORD, newPassword, confirmPassword: newPassword }),
    ).toEqual({
      ok: true,
      value: null,
    })
    await value(client.invoke('lockAccount', {}))
    expect(await client.invoke('unlockAccount', { accountId, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
    expect((await client.invoke('unlockAccount', { accountId, password: newPassword })).ok).toBe(true)
  })

  it.each([
    ['after the new vault is written but before it replaces the old', 'afterTempWritten', 'old'],
    ['after the rename, before the folder is flushed', 'afterRename', 'new'],
  ] as const)('survives a crash %s: exactly one password works, never neither', async (_label, point, works) => {
    let armed = false
    const crash = (): void => {
      if (armed) throw new Error('simulated crash')
    }
    const dir = await makeTempDir()
    cleanups.push(dir.cleanup)
    const first = await app({ faults: { vaultWrite: { [point]: crash } } }, dir.path)
    const created = await register(first.client)
    const accountId = created.account?.accountId ?? ''
    const newPassword = 'the brand new passphrase'
    armed = true
    const result = await first.client.invoke('changePassword', {
      oldPassword: PASSWORD,
      newPassword,
      confirmPassword: newPassword,
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('simulated crash') as string },
    })
    await first.messenger.stop()

    // "restart": a fresh process on the same data directory
    const second = await app({}, dir.path)
    const oldResult = await second.client.invoke('unlockAccount', { accountId, password: PASSWORD })
    if (oldResult.ok) await value(second.client.invoke('lockAccount', {}))
    const newResult = await second.client.invoke('unlockAccount', { accountId, password: newPassword })
    expect({ old: oldResult.ok, new: newResult.ok }).toEqual(
      works === 'old' ? { old: true, new: false } : { old: false, new: true },
    )
    // no half-written vault is left beside the real one
    const leftovers = (await readdir(join(dir.path, 'accounts', accountId))).filter((n) => n.endsWith('.tmp'))
    expect(leftovers).toEqual([])
  })

  it('deletes an account and every file of it, after the password and the username are confirmed', async () => {
    const { client, dataDir } = await app()
    const created = await register(client)
    const accountId = created.account?.accountId ?? ''
    expect(
      await client.invoke('deleteAccount', { accountId, password: 'wrong password!!', confirmUsername: 'alice' }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
    expect(
      await client.invoke('deleteAccount', { accountId, password: PASSWORD, confirmUsername: 'alic' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
    expect((await value(client.invoke('getSession', {}))).account?.accountId).toBe(accountId)

    const state = await value(
      client.invoke('deleteAccount', { accountId, password: PASSWORD, confirmUsername: 'alice' }),
    )
    expect(state).toEqual({ account: null, accounts: [] })
    expect(await readdir(join(dataDir, 'accounts'))).toEqual([])
    expect(await client.invoke('getNetworkStatus', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  })
})

describe('account files', () => {
  it('refuses a damaged vault file with a clear error', async () => {
    const { client, dataDir } = await app()
    const created = await register(client)
    const accountId = created.account?.accountId ?? ''
    await value(client.invoke('lockAccount', {}))
    await writeFile(join(dataDir, 'accounts', accountId, 'vault.json'), '{"format":"parley-vault","version":99}')
    expect(await client.invoke('unlockAccount', { accountId, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'CORRUPT' },
    })
  })

  it('refuses an unknown account ID', async () => {
    const { messenger } = await app()
    const result = await dispatchCommand(messenger.handlers, 'unlockAccount', {
      accountId: '0'.repeat(32),
      password: 'x',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
