import { afterEach, describe, expect, it } from 'vitest'
import { createManualClock } from '../src/core/manual-clock.js'
import { PASSWORD } from './helpers/accounts.js'
import { register, startApp, value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const MINUTE = 60_000

describe('auto-lock', () => {
  it('locks after the chosen time without use; use starts the count again', async () => {
    const clock = createManualClock(Date.now())
    const { client } = await startApp(cleanups, { clock })
    const created = await register(client)
    expect(await value(client.invoke('getLockSettings', {}))).toEqual({ autoLockMinutes: 0 })
    expect(await value(client.invoke('setLockSettings', { autoLockMinutes: 15 }))).toEqual({ autoLockMinutes: 15 })

    clock.advance(14 * MINUTE)
    await value(client.invoke('reportActivity', {}))
    clock.advance(14 * MINUTE)
    expect((await value(client.invoke('getSession', {}))).account).not.toBeNull()

    const locked = waitForEvent(client, 'sessionChanged', (s) => s.account === null)
    clock.advance(MINUTE)
    await locked
    expect(await client.invoke('getProfile', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
    expect(await client.invoke('reportActivity', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } })

    // the choice is the account's: it counts again from the next unlock
    const accountId = created.account?.accountId ?? ''
    await value(client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    expect(await value(client.invoke('getLockSettings', {}))).toEqual({ autoLockMinutes: 15 })
    const again = waitForEvent(client, 'sessionChanged', (s) => s.account === null)
    clock.advance(15 * MINUTE)
    await again
  })

  it('never locks by itself at 0; refuses more than a day', async () => {
    const clock = createManualClock(Date.now())
    const { client } = await startApp(cleanups, { clock })
    await register(client)
    await value(client.invoke('setLockSettings', { autoLockMinutes: 5 }))
    await value(client.invoke('setLockSettings', { autoLockMinutes: 0 }))
    clock.advance(3 * 24 * 60 * MINUTE)
    expect((await value(client.invoke('getSession', {}))).account).not.toBeNull()
    expect(await client.invoke('setLockSettings', { autoLockMinutes: 24 * 60 + 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
    expect(await client.invoke('setLockSettings', { autoLockMinutes: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
  })
})
