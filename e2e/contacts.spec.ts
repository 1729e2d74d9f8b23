import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
const INVITE_PREFIX = 'parley://invite/'

async function openScreen(page: Page, name: 'Contacts' | 'Profile'): Promise<void> {
  // "Contacts" may carry a count of requests in its accessible name ("Contacts, 1 request")
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

function contactRow(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Contacts', exact: true }).getByRole('listitem').filter({ hasText: name })
}

function requestRow(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Contact requests' }).getByRole('listitem').filter({ hasText: name })
}

/** The same invite with one character in the middle of its signed part changed. */
function tamper(link: string): string {
  const at = INVITE_PREFIX.length + Math.floor((link.length - INVITE_PREFIX.length) / 2)
  return `${link.slice(0, at)}${link[at] === 'A' ? 'B' : 'A'}${link.slice(at + 1)}`
}

/** The decoded body of a mailto: URL. */
function mailBody(href: string): string {
  const body = /[?&]body=([^&]*)/.exec(href)?.[1]
  if (body === undefined) throw new Error(`no body in ${href}`)
  return decodeURIComponent(body)
}

/** Open a contact from the list, then their safety number; returns its digits. */
async function safetyNumber(page: Page, name: string): Promise<string> {
  await openScreen(page, 'Contacts')
  await contactRow(page, name).getByRole('button').first().click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Verify safety number', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Safety number with ${name}` })).toBeVisible()
  await expect(page.getByRole('img', { name: 'Safety number QR code', exact: true })).toBeVisible()
  const digits = page.getByTestId('safety-number')
  await expect(digits).toHaveText(/^(\d{5} ){11}\d{5}$/)
  return (await digits.textContent()) ?? ''
}

test('invite, request, accept, see each other live, compare and verify the safety number', async ({
  browser,
  peers,
}) => {
  test.setTimeout(180_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)

  // A: an invite with the default choices (7 days, single use): a link, a QR code, an email
  await openScreen(pageA, 'Contacts')
  await pageA.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await expect(pageA.getByRole('heading', { name: 'Add a contact', exact: true })).toBeVisible()
  await expect(pageA.getByLabel('Invite expires in', { exact: true })).toHaveValue('168')
  await expect(pageA.getByLabel('Single use', { exact: true })).toBeChecked()
  await pageA.getByRole('button', { name: 'Create invite', exact: true }).click()
  const linkField = pageA.getByLabel('Invite link', { exact: true })
  await expect(linkField).toHaveValue(new RegExp(`^${INVITE_PREFIX}`))
  const link = await linkField.inputValue()
  const inviteQr = pageA.getByRole('img', { name: 'Invite QR code', exact: true })
  await expect(inviteQr).toBeVisible()

  // "Send by email" only builds a mailto: link, with the exact invite in its body
  await expect(pageA.getByLabel('Your name', { exact: true })).toHaveValue('alice')
  await pageA.getByLabel('Email to', { exact: true }).fill('bob@example.org')
  const mailto = pageA.getByTestId('invite-mailto')
  await expect(mailto).toHaveAttribute('href', /^mailto:bob%40example\.org\?/)
  const href = (await mailto.getAttribute('href')) ?? ''
  expect(href.startsWith('mailto:')).toBe(true)
  expect(mailBody(href)).toContain(link)
  expect(mailBody(href).split(/\r\n/)).toContain(link)

  // B: a tampered invite is refused before anything is sent
  await openScreen(pageB, 'Contacts')
  await pageB.getByRole('button', { name: 'Add a contact', exact: true }).click()
  const inviteInput = pageB.getByLabel('Invite from someone', { exact: true })
  await inviteInput.fill(tamper(link))
  await pageB.getByRole('button', { name: 'Check invite', exact: true }).click()
  await expect(pageB.getByRole('alert')).toContainText('This invite cannot be used')
  await expect(pageB.getByRole('button', { name: 'Send contact request' })).toHaveCount(0)

  // B: a picture of A's QR code reads back as the same link
  await pageB
    .getByLabel('Invite QR image', { exact: true })
    .setInputFiles({ name: 'invite.png', mimeType: 'image/png', buffer: await inviteQr.screenshot() })
  await expect(inviteInput).toHaveValue(link)

  // B: paste the link, see whose it is, then send the request
  await inviteInput.fill(link)
  await pageB.getByRole('button', { name: 'Check invite', exact: true }).click()
  await expect(pageB.getByRole('heading', { name: 'Invite from alice', exact: true })).toBeVisible()
  await pageB.getByLabel('Message to send', { exact: true }).fill('Hi Alice, it is Bob from the book club.')
  await pageB.getByRole('button', { name: 'Send contact request', exact: true }).click()
  await expect(pageB.getByRole('status').filter({ hasText: 'Contact request sent to alice' })).toBeVisible()
  await expect(requestRow(pageB, 'Request sent')).toBeVisible()

  // A: the request arrives with bob's profile and message; the sidebar counts it
  await expect(
    pageA.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts, 1 request' }),
  ).toBeVisible()
  const incoming = requestRow(pageA, 'bob')
  await expect(incoming).toContainText('Hi Alice, it is Bob from the book club.')
  await incoming.getByRole('button', { name: 'Accept', exact: false }).click()

  // both lists show the other, online, live
  await expect(contactRow(pageA, 'bob')).toContainText(/\bonline\b/)
  await expect(contactRow(pageB, 'alice')).toContainText(/\bonline\b/)
  await expect(
    pageA.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Contacts', exact: true }),
  ).toBeVisible()

  // A changes its display name: B's list follows
  await openScreen(pageA, 'Profile')
  await pageA.getByLabel('Display name', { exact: true }).fill('Alice Liddell')
  await pageA.getByRole('button', { name: 'Save profile', exact: true }).click()
  await expect(pageA.getByRole('status').filter({ hasText: 'Profile saved' })).toBeVisible()
  await expect(contactRow(pageB, 'Alice Liddell')).toContainText(/\bonline\b/)

  // the safety number is the same on both sides
  const digitsA = await safetyNumber(pageA, 'bob')
  const digitsB = await safetyNumber(pageB, 'Alice Liddell')
  expect(digitsB).toBe(digitsA)

  // B marks A verified, and the list says so
  await pageB.getByRole('button', { name: 'Mark as verified', exact: true }).click()
  await expect(pageB.getByText('verified', { exact: true })).toBeVisible()
  await expect(pageB.getByRole('button', { name: 'Clear verification', exact: true })).toBeVisible()
  await openScreen(pageB, 'Contacts')
  await expect(contactRow(pageB, 'Alice Liddell').getByText('verified', { exact: true })).toBeVisible()

  // A verifies B the other way: by a picture of the code on B's screen
  await pageB.getByRole('button', { name: /^Alice Liddell/ }).click()
  await pageB.getByRole('button', { name: 'Verify safety number', exact: true }).click()
  const codeOfB = await pageB.getByRole('img', { name: 'Safety number QR code', exact: true }).screenshot()
  await pageA
    .getByLabel('Scan their QR code image', { exact: true })
    .setInputFiles({ name: 'safety.png', mimeType: 'image/png', buffer: codeOfB })
  await expect(pageA.getByRole('status').filter({ hasText: 'The codes match' })).toBeVisible()
  await expect(pageA.getByText('verified', { exact: true })).toBeVisible()

  // B names A differently on this device only, then goes back to the name A chose
  await pageB.getByRole('button', { name: 'Back to Alice Liddell' }).click()
  const localName = pageB.getByLabel('Name on this device', { exact: true })
  await localName.fill('Alice from the book club')
  await pageB.getByRole('button', { name: 'Rename', exact: true }).click()
  await expect(pageB.getByRole('heading', { level: 1, name: 'Alice from the book club', exact: true })).toBeVisible()
  await localName.fill('')
  await pageB.getByRole('button', { name: 'Rename', exact: true }).click()
  await expect(pageB.getByRole('heading', { level: 1, name: 'Alice Liddell', exact: true })).toBeVisible()
})
