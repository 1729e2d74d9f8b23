import type { Browser, Locator, Page } from '@playwright/test'
import { expect, type WebPeer } from './fixtures.js'

/** The shell is up: its main navigation and a screen heading are on the page. */
async function expectShell(page: Page, username: string): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible()
  await expect(page.getByTestId('signed-in-username')).toHaveText(username)
}

/**
 * Create an account from the start screen (the sign-up form shows by itself
 * on a fresh peer; otherwise "Create a new account" opens it) and wait for the
 * shell. Creating an account runs the password KDF: it takes a few seconds.
 */
export async function signUp(page: Page, username: string, password: string): Promise<void> {
  const heading = page.getByRole('heading', { name: 'Create your account' })
  const create = page.getByRole('button', { name: 'Create a new account' })
  await expect(heading.or(create)).toBeVisible()
  if (!(await heading.isVisible())) await create.click()
  await page.getByLabel('Username', { exact: true }).fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Confirm password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
  await expectShell(page, username)
}

/** Choose the account in the start screen's list, type its password and wait for the shell. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('list', { name: 'Accounts' }).getByRole('button', { name: username, exact: true }).click()
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expectShell(page, username)
}

/** Log out from the sidebar and wait for the start screen's account list. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible()
}

/** Open a screen from the sidebar (its name may carry a count: "Chats, 2 unread messages") and wait for it. */
export async function openScreen(
  page: Page,
  name: 'Chats' | 'Contacts' | 'Profile' | 'Network' | 'Settings',
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

/** A row of the contact list. */
export function contactRow(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Contacts', exact: true }).getByRole('listitem').filter({ hasText: name })
}

/**
 * Make two signed-in people contacts: the inviter creates an invite, the
 * invitee uses it and sends a request, the inviter accepts; returns once each
 * sees the other online.
 */
export async function becomeContacts(
  inviter: { readonly page: Page; readonly name: string },
  invitee: { readonly page: Page; readonly name: string },
): Promise<void> {
  await openScreen(inviter.page, 'Contacts')
  await inviter.page.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await inviter.page.getByRole('button', { name: 'Create invite', exact: true }).click()
  const linkField = inviter.page.getByLabel('Invite link', { exact: true })
  await expect(linkField).toHaveValue(/^parley:\/\/invite\//)
  const link = await linkField.inputValue()

  await openScreen(invitee.page, 'Contacts')
  await invitee.page.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await invitee.page.getByLabel('Invite from someone', { exact: true }).fill(link)
  await invitee.page.getByRole('button', { name: 'Check invite', exact: true }).click()
  await invitee.page.getByRole('button', { name: 'Send contact request', exact: true }).click()
  await expect(invitee.page.getByRole('status').filter({ hasText: 'Contact request sent' })).toBeVisible()

  await inviter.page
    .getByRole('list', { name: 'Contact requests' })
    .getByRole('listitem')
    .filter({ hasText: invitee.name })
    .getByRole('button', { name: 'Accept', exact: false })
    .click()
  await expect(contactRow(inviter.page, invitee.name)).toContainText(/\bonline\b/)
  await expect(contactRow(invitee.page, inviter.name)).toContainText(/\bonline\b/)
}

/**
 * Two people, each signed up in a browser of their own on their own peer:
 * alice on `peers[0]`, bob on `peers[1]` (`pageFor` makes a page, e.g. one
 * that records notifications).
 */
export async function aliceAndBob(
  browser: Browser,
  peers: (count: number) => Promise<WebPeer[]>,
  password: string,
  pageFor: (browser: Browser) => Promise<Page> = async (b) => (await b.newContext()).newPage(),
): Promise<{ readonly pageA: Page; readonly pageB: Page }> {
  const [alice, bob] = await peers(2)
  if (alice === undefined || bob === undefined) throw new Error('two peers expected')
  const pageA = await pageFor(browser)
  const pageB = await pageFor(browser)
  await pageA.goto(alice.url)
  await signUp(pageA, 'alice', password)
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', password)
  return { pageA, pageB }
}

/** A peer's row in the Network panel, by its own ID (a relayed peer's addresses name the relay too, so not by text). */
export function peerRow(page: Page, peerId: string): Locator {
  return page.getByRole('list', { name: 'Peers' }).locator(`li[data-peer-id="${peerId}"]`)
}

/**
 * `from` opens a new chat with `toName` and sends `text`; waits for its
 * "Delivered" tick (the other device stored and acknowledged it), then `to`
 * opens the conversation with `fromName` and sees it.
 */
export async function sendAndSeeDelivered(
  from: Page,
  to: Page,
  names: { readonly from: string; readonly to: string },
  text: string,
  timeout: number,
): Promise<void> {
  await openScreen(from, 'Chats')
  await from.getByRole('button', { name: 'New chat', exact: true }).click()
  await from
    .getByRole('list', { name: 'Contacts to chat with' })
    .getByRole('button', { name: new RegExp(`^${names.to}`) })
    .click()
  await expect(from.getByRole('heading', { level: 2, name: names.to, exact: true })).toBeVisible()
  const composer = from.getByRole('textbox', { name: /^Message / })
  await composer.fill(text)
  await composer.press('Enter')
  const sent = from
    .getByRole('list', { name: /^Messages with / })
    .getByRole('listitem')
    .filter({ hasText: text })
  await expect(sent.getByRole('img', { name: 'Delivered', exact: true })).toBeVisible({ timeout })

  await openScreen(to, 'Chats')
  await to
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(names.from) })
    .click()
  await expect(
    to
      .getByRole('list', { name: /^Messages with / })
      .getByRole('listitem')
      .filter({ hasText: text }),
  ).toBeVisible()
}
