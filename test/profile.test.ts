import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_VISIBILITY, type ProfileFields, type ProfileVisibility } from '../src/api/index.js'
import { signProfile, verifyProfile } from '../src/accounts/profile-document.js'
import { register, startApp, value, type TestApp } from './helpers/app.js'
import { solidPng } from './helpers/images.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const FULL: ProfileFields = {
  displayName: 'Alice Liddell',
  country: 'United Kingdom',
  region: 'Oxfordshire',
  town: 'Oxford',
  gender: 'female',
  birthday: '1990-05-04',
  email: 'alice@example.org',
  web: 'https://alice.example.org/about',
  about: 'Curious.\nFollows rabbits.',
}

async function unlocked(): Promise<TestApp> {
  const app = await startApp(cleanups)
  await register(app.client)
  return app
}

function pngAvatar(size = 64): { mime: 'image/png'; data: string; width: number; height: number } {
  return { mime: 'image/png', data: solidPng(size, size).toString('base64'), width: size, height: size }
}

describe('profile', () => {
  it('starts with the username as display name and nothing else shown', async () => {
    const { client } = await unlocked()
    const profile = await value(client.invoke('getProfile', {}))
    expect(profile).toMatchObject({
      username: 'alice',
      fields: { displayName: 'alice', email: '' },
      version: 0,
      avatar: null,
    })
    expect(profile.visibility).toEqual(DEFAULT_VISIBILITY)
  })

  it('saves every field and its visibility, and keeps them across lock and unlock', async () => {
    const { client } = await unlocked()
    const visibility: ProfileVisibility = {
      ...DEFAULT_VISIBILITY,
      email: 'contacts',
      town: 'contacts',
      birthday: 'nobody',
    }
    const saved = await value(client.invoke('updateProfile', { fields: FULL, visibility }))
    expect(saved).toMatchObject({ fields: FULL, visibility, version: 1 })
    const session = await value(client.invoke('lockAccount', {}))
    const accountId = session.accounts[0]?.accountId ?? ''
    await value(client.invoke('unlockAccount', { accountId, password: 'correct horse battery staple' }))
    expect(await value(client.invoke('getProfile', {}))).toMatchObject({ fields: FULL, visibility, version: 1 })
  })

  it.each([
    ['email', 'alice at example', /Email must look like/],
    ['email', 'alice@localhost', /Email must look like/],
    ['web', 'javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['web', 'ftp://alice.example.org', /http:\/\/ or https:\/\//],
    ['birthday', '2999-01-01', /real date in the past/],
    ['birthday', '1990-02-30', /real date in the past/],
    ['birthday', 'yesterday', /real date in the past/],
    ['displayName', '', /Display name is required/],
    ['displayName', 'x'.repeat(65), /at most 64/],
    ['about', 'y'.repeat(1001), /at most 1000/],
    ['town', 'Oxford\u202eevil', /control characters/],
  ] as const)('refuses %s = %j with a message for that field', async (field, bad, message) => {
    const { client } = await unlocked()
    const result = await client.invoke('updateProfile', {
      fields: { ...FULL, [field]: bad },
      visibility: DEFAULT_VISIBILITY,
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_ARGUMENTS')
    expect(Object.keys(result.error.fields ?? {})).toEqual([field])
    expect(result.error.fields?.[field]).toMatch(message)
    // nothing was saved
    expect((await value(client.invoke('getProfile', {}))).version).toBe(0)
  })

  it('accepts a real picture and refuses fakes, mismatches and oversized ones', async () => {
    const { client } = await unlocked()
    const good = await value(client.invoke('setAvatar', { avatar: pngAvatar() }))
    expect(good.avatar).toMatchObject({ mime: 'image/png', width: 64, height: 64 })

    const cases = [
      { ...pngAvatar(), mime: 'image/jpeg' as const },
      { ...pngAvatar(), width: 65 },
      { ...pngAvatar(), data: Buffer.from('<svg onload=alert(1)>').toString('base64') },
      pngAvatar(600),
    ]
    for (const avatar of cases) {
      const result = await client.invoke('setAvatar', { avatar })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    }
    expect((await value(client.invoke('setAvatar', { avatar: null }))).avatar).toBeNull()
  })

  it('signs a document with only what contacts may see, which verifies and fails after any change', async () => {
    const { client, messenger } = await unlocked()
    await value(client.invoke('setAvatar', { avatar: pngAvatar() }))
    const visibility: ProfileVisibility = { ...DEFAULT_VISIBILITY, email: 'contacts', avatar: 'nobody' }
    await value(client.invoke('updateProfile', { fields: FULL, visibility }))
    const signed = await value(client.invoke('getProfileDocument', {}))
    const doc = verifyProfile(signed)
    expect(doc.peerId).toBe((await value(client.invoke('getNetworkStatus', {}))).peerId)
    expect(doc.fields).toEqual({ displayName: FULL.displayName, email: FULL.email })
    expect(doc.avatar).toBeUndefined()
    expect(signed.document).not.toContain(FULL.town)
    expect(signed.document).not.toContain(FULL.birthday)
    expect(doc.version).toBe(2)

    // any change breaks it: a field, the version, the signature, the form
    const tampered = [
      { ...signed, document: signed.document.replace('alice@example.org', 'alice@example.com') },
      { ...signed, document: signed.document.replace('"version":2', '"version":3') },
      {
        ...signed,
        signature: Buffer.from(Buffer.from(signed.signature, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString(
          'base64',
        ),
      },
      { ...signed, document: signed.document.replace('{', '{ ') },
      { ...signed, document: signed.document.replace('"fields":{', '"fields":{"town":"Oxford",') },
    ]
    for (const bad of tampered) expect(() => verifyProfile(bad)).toThrow()

    // a picture that lies about its size is refused on arrival, even with a valid signature
    const liar = signProfile(
      {
        username: 'alice',
        fields: FULL,
        visibility: { ...visibility, avatar: 'contacts' },
        avatar: { ...pngAvatar(), width: 32, height: 32 },
        version: 3,
        updatedAt: 1,
      },
      (messenger.account() ?? { identity: undefined }).identity ??
        (() => {
          throw new Error('locked')
        })(),
    )
    expect(() => verifyProfile(liar)).toThrow(/picture/)

    // a document signed by another identity cannot claim this peer ID
    const other = await startApp(cleanups)
    await register(other.client, 'mallory')
    const account = other.messenger.account()
    const ours = messenger.account()
    if (account === undefined || ours === undefined) throw new Error('unlocked accounts expected')
    const forged = signProfile(
      { username: 'alice', fields: FULL, visibility, avatar: null, version: 9, updatedAt: 1 },
      { ...account.identity, peerId: ours.identity.peerId },
    )
    expect(() => verifyProfile(forged)).toThrow(/another peer/)
  })
})
