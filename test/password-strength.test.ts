import { afterEach, describe, expect, it } from 'vitest'
import { estimatePassword } from '../src/accounts/password-strength.js'
import { PASSWORD_MIN_SCORE } from '../src/api/index.js'
import { PASSWORD } from './helpers/accounts.js'
import { register, startApp, value } from './helpers/app.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('password strength', () => {
  it('rates guessable passwords low, with a reason and a way out, and passphrases high', async () => {
    const repeated = await estimatePassword('aaaaaaaaaa')
    expect(repeated).toMatchObject({ score: 0, strong: false, warning: 'simpleRepeat' })
    expect(repeated.suggestions.length).toBeGreaterThan(0)
    expect(await estimatePassword('password123')).toMatchObject({ strong: false, warning: 'common' })
    expect(await estimatePassword('qwertyuiop')).toMatchObject({ strong: false })
    // Spanish words and names are in the dictionaries too
    expect((await estimatePassword('contraseña123')).strong).toBe(false)
    expect((await estimatePassword('')).score).toBe(0)
    for (const good of [PASSWORD, 'mi perro se llama toby', 'correct horse battery staple']) {
      const strength = await estimatePassword(good)
      expect(strength.score).toBeGreaterThanOrEqual(PASSWORD_MIN_SCORE)
      expect(strength.strong).toBe(true)
    }
  })

  it('counts the username and the app name as the first words a guesser tries', async () => {
    const password = 'zorblatquix2019'
    expect(await estimatePassword(password)).toMatchObject({ strong: true })
    expect(await estimatePassword(password, 'zorblatquix')).toMatchObject({ strong: false, warning: 'userInputs' })
    expect((await estimatePassword('parley2019')).strong).toBe(false)
  })

  it('createAccount and changePassword refuse a weak password with WEAK_PASSWORD and change nothing', async () => {
    const { client } = await startApp(cleanups)
    const weak = await client.invoke('createAccount', {
      username: 'alice',
      password: 'aaaaaaaaaa',
      confirmPassword: 'aaaaaaaaaa',
    })
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { password: expect.any(String) as unknown } },
    })
    expect(await value(client.invoke('getSession', {}))).toEqual({ account: null, accounts: [] })

    const created = await register(client)
    const change = await client.invoke('changePassword', {
      oldPassword: PASSWORD,
      newPassword: 'password1234',
      confirmPassword: 'password1234',
    })
    expect(change).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { newPassword: expect.any(String) as unknown } },
    })
    await value(client.invoke('lockAccount', {}))
    const accountId = created.account?.accountId ?? ''
    expect(await client.invoke('unlockAccount', { accountId, password: 'password1234' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    })
    expect((await value(client.invoke('unlockAccount', { accountId, password: PASSWORD }))).account).toEqual(
      created.account,
    )
  })

  it('estimatePassword answers on the start screen, before any account exists', async () => {
    const { client } = await startApp(cleanups)
    expect(await value(client.invoke('estimatePassword', { password: 'aaaaaaaaaa' }))).toMatchObject({
      score: 0,
      strong: false,
    })
    expect(await value(client.invoke('estimatePassword', { password: PASSWORD, username: 'alice' }))).toMatchObject({
      strong: true,
      warning: null,
    })
  })
})
