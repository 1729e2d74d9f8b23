import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_VISIBILITY, type ParleyClient } from '../src/api/index.js'
import { PASSWORD } from './helpers/accounts.js'
import { register, startApp, value } from './helpers/app.js'
import { FIELDS } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function download(client: ParleyClient, password: string): Promise<Buffer> {
  const exported = await value(client.invoke('exportBackup', { password }))
  const chunks: Buffer[] = []
  for (let offset = 0, done = false; !done;) {
    const part = await value(client.invoke('readTransfer', { transferId: exported.transferId, offset, length: 32768 }))
    const bytes = Buffer.from(part.data, 'base64')
    chunks.push(bytes)
    offset += bytes.length
    done = part.done
  }
  return Buffer.concat(chunks)
}

async function upload(client: ParleyClient, bytes: Buffer): Promise<string> {
  const { transferId } = await value(client.invoke('startUpload', { size: bytes.length }))
  for (let offset = 0; offset < bytes.length; offset += 32768) {
    const data = bytes.subarray(offset, offset + 32768).toString('base64')
    await value(client.invoke('writeUpload', { transferId, offset, data }))
  }
  return transferId
}

async function exportedAccount(): Promise<{ backup: Buffer; peerId: string; accountId: string }> {
  const source = await startApp(cleanups)
  const session = await register(source.client)
  await value(
    source.client.invoke('updateProfile', {
      fields: { ...FIELDS, about: 'Down the rabbit hole' },
      visibility: DEFAULT_VISIBILITY,
    }),
  )
  const peerId = (await value(source.client.invoke('getNetworkStatus', {}))).peerId
  expect(await source.client.invoke('exportBackup', { password: 'not my password' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_PASSWORD' },
  })
  return { backup: await download(source.client, PASSWORD), peerId, accountId: session.account?.accountId ?? '' }
}

describe('backup', () => {
  it('export → import on a fresh data directory restores keys, profile and everything else', async () => {
    const { backup, peerId, accountId } = await exportedAccount()
    const target = await startApp(cleanups)
    const imported = await value(
      target.client.invoke('importBackup', { transferId: await upload(target.client, backup), password: PASSWORD }),
    )
    expect(imported).toMatchObject({ accountId, username: 'alice' })
    await value(target.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    expect((await value(target.client.invoke('getNetworkStatus', {}))).peerId).toBe(peerId)
    expect(await value(target.client.invoke('getProfile', {}))).toMatchObject({
      fields: { displayName: 'Alice', town: 'Oxford', about: 'Down the rabbit hole' },
      version: 1,
    })
    // importing it again is a conflict, not a second copy
    const again = await target.client.invoke('importBackup', {
      transferId: await upload(target.client, backup),
      password: PASSWORD,
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('refuses a wrong password, a flipped bit, a truncated file and garbage — and creates nothing', async () => {
    const { backup } = await exportedAccount()
    const target = await startApp(cleanups)
    const flipped = Buffer.from(backup)
    flipped[flipped.length - 40] = (flipped[flipped.length - 40] ?? 0) ^ 0x80
    const headerFlip = Buffer.from(backup)
    headerFlip[30] = (headerFlip[30] ?? 0) ^ 0x01
    const costly = Buffer.from(backup.toString('latin1').replace('"r":8', '"r":9'), 'latin1')
    const cases: [Buffer, string, string, RegExp][] = [
      [costly, PASSWORD, 'CORRUPT', /parameters/],
      [backup, 'wrong password here', 'WRONG_PASSWORD', /wrong password/],
      [flipped, PASSWORD, 'CORRUPT', /damaged/],
      [backup.subarray(0, backup.length - 10), PASSWORD, 'CORRUPT', /truncated/],
      [backup.subarray(0, 20), PASSWORD, 'CORRUPT', /truncated/],
      [headerFlip, PASSWORD, 'CORRUPT', /header|damaged|wrong password/],
      [Buffer.from('PK\u0003\u0004 this is a zip file, not a backup'), PASSWORD, 'CORRUPT', /not a Parley backup/],
      [Buffer.concat([backup, Buffer.from([0, 0, 0, 1, 7])]), PASSWORD, 'CORRUPT', /damaged|truncated/],
    ]
    for (const [bytes, password, code, message] of cases) {
      const result = await target.client.invoke('importBackup', {
        transferId: await upload(target.client, bytes),
        password,
      })
      expect(result).toMatchObject({ ok: false, error: { code } })
      expect(!result.ok && result.error.message).toMatch(message)
    }
    expect((await value(target.client.invoke('getSession', {}))).accounts).toEqual([])
  })

  it('checks uploads: offsets in order, no more than announced, complete before import', async () => {
    const target = await startApp(cleanups)
    const { transferId } = await value(target.client.invoke('startUpload', { size: 10 }))
    expect(await target.client.invoke('writeUpload', { transferId, offset: 5, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
    expect(
      await target.client.invoke('writeUpload', { transferId, offset: 0, data: Buffer.alloc(11).toString('base64') }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    expect(await target.client.invoke('importBackup', { transferId, password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS', message: expect.stringContaining('incomplete') as string },
    })
    expect(
      await target.client.invoke('readTransfer', { transferId: '0'.repeat(32), offset: 0, length: 10 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
