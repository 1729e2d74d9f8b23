import { DEFAULT_VISIBILITY, type ProfileFields } from '../../src/api/index.js'
import type { MessengerOptions } from '../../src/core/messenger.js'
import { register, startApp, value, type TestApp } from './app.js'
import { waitForEvent } from './events.js'

export const FIELDS: ProfileFields = {
  displayName: 'Alice',
  country: 'Wonderland',
  region: '',
  town: 'Oxford',
  gender: '',
  birthday: '',
  email: 'alice@example.org',
  web: '',
  about: '',
}

export type Person = TestApp & { readonly peerId: string }

/** A started app with a registered account named `name` and a profile (email visible to contacts). */
export async function person(
  cleanups: (() => Promise<void>)[],
  name: string,
  overrides: Partial<MessengerOptions> = {},
  dataDir?: string,
): Promise<Person> {
  const app = await startApp(cleanups, overrides, dataDir)
  await register(app.client, name)
  await value(
    app.client.invoke('updateProfile', {
      fields: {
        ...FIELDS,
        displayName: `${name.charAt(0).toUpperCase()}${name.slice(1)}`,
        email: `${name}@example.org`,
      },
      visibility: { ...DEFAULT_VISIBILITY, email: 'contacts' },
    }),
  )
  const peerId = (await value(app.client.invoke('getNetworkStatus', {}))).peerId
  return { ...app, peerId }
}

/** `a` invites, `b` asks, `a` accepts; resolves when `b` has `a` as a contact. */
export async function befriend(a: Person, b: Person, link?: string): Promise<void> {
  const invite = link ?? (await value(a.client.invoke('createInvite', { expiresInHours: 24, singleUse: true }))).link
  const requestAtA = waitForEvent(a.client, 'contactRequestsChanged', (p) =>
    p.requests.some((r) => r.peerId === b.peerId),
  )
  await value(b.client.invoke('acceptInvite', { link: invite, message: 'Hi, it is me' }))
  const { requests } = await requestAtA
  const request = requests.find((r) => r.peerId === b.peerId)
  if (request === undefined) throw new Error('no request')
  const contactAtB = waitForEvent(b.client, 'contactsChanged', (p) => p.contacts.some((c) => c.peerId === a.peerId))
  await value(a.client.invoke('respondToRequest', { requestId: request.requestId, response: 'accept' }))
  await contactAtB
}
