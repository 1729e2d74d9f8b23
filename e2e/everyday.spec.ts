import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, openScreen } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'

function rule(page: Page, text: string): ReturnType<Page['getByRole']> {
  return page.getByRole('list', { name: 'Password checklist' }).getByRole('listitem').filter({ hasText: text })
}

test('sign-up: nothing is ticked on an empty form, a guessable password is explained and refused', async ({
  browser,
  peers,
}) => {
  const [peer] = await peers(1)
  if (peer === undefined) throw new Error('a peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(peer.url)
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await page.getByLabel('Username', { exact: true }).fill('alice')
  // the checklist shows once typing starts; with the password still empty nothing is met
  await page.getByLabel('Confirm password', { exact: true }).fill('x')
  await page.getByLabel('Confirm password', { exact: true }).fill('')
  const checklist = page.getByRole('list', { name: 'Password checklist' })
  if (await checklist.isVisible()) await expect(checklist.getByText('done:')).toHaveCount(0)

  await page.getByLabel('Password', { exact: true }).fill('aaaaaaaaaa')
  await page.getByLabel('Confirm password', { exact: true }).fill('aaaaaaaaaa')
  await expect(rule(page, 'at least 10 characters')).toContainText('done')
  await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute(
    'aria-valuetext',
    'Very easy to guess',
  )
  await expect(page.getByText('Repeated characters like “aaa” are easy to guess.')).toBeVisible()
  await expect(rule(page, 'hard to guess')).toContainText('not yet')
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/too easy to guess/)

  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Confirm password', { exact: true }).fill(PASSWORD)
  await expect(rule(page, 'hard to guess')).toContainText('done')
  await page.getByRole('button', { name: 'Create account', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Chats', exact: true })).toBeVisible({ timeout: 30_000 })
})

test('everyday settings: auto-lock and what notifications show are kept; the title counts unread messages', async ({
  browser,
  peers,
}) => {
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })

  // the Network page names the peers that are contacts
  await openScreen(pageA, 'Network')
  await expect(pageA.locator('.peer').filter({ hasText: 'connected' }).first()).toContainText('bob')

  await openScreen(pageA, 'Settings')
  const autoLock = pageA.getByLabel('Lock automatically')
  await expect(autoLock).toHaveValue('0')
  await autoLock.selectOption({ label: 'After 15 minutes' })
  const nameOnly = pageA.getByRole('radio', { name: 'Name only' })
  await nameOnly.check()
  await openScreen(pageA, 'Contacts')
  await openScreen(pageA, 'Settings')
  await expect(pageA.getByLabel('Lock automatically')).toHaveValue('15')
  await expect(pageA.getByRole('radio', { name: 'Name only' })).toBeChecked()

  // bob writes while alice is elsewhere: her window's title counts it
  await expect(pageA).toHaveTitle('Parley')
  await pageB
    .getByRole('list', { name: 'Contacts', exact: true })
    .getByRole('listitem')
    .filter({ hasText: 'alice' })
    .click()
  await pageB.getByRole('button', { name: 'Message', exact: true }).click()
  const composer = pageB.getByRole('textbox', { name: /^Message / })
  await composer.fill('are you there?')
  await composer.press('Enter')
  await expect(pageA).toHaveTitle('(1) Parley')
  await openScreen(pageA, 'Chats')
  await pageA.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /bob/ }).click()
  await expect(pageA).toHaveTitle('Parley')
})
