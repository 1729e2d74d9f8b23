import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, contactRow, openScreen } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'

/** axe-core on what the page shows now: no serious or critical violation (WCAG 2.1 A and AA rules). */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = serious.map(
    (v) => `${v.id} (${String(v.impact)}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  )
  expect(report, `axe on ${screen}`).toEqual([])
}

test('every screen passes axe-core with no serious or critical violation, in light and dark', async ({
  browser,
  peers,
}) => {
  test.setTimeout(180_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  // a third peer, never signed up: its start screen is the sign-up form
  const third = (await peers(1)).at(-1)
  if (third === undefined) throw new Error('a third peer expected')
  const fresh = await (await browser.newContext()).newPage()
  await fresh.goto(third.url)
  await expect(fresh.getByRole('heading', { name: 'Create your account' })).toBeVisible()
  await expectAccessible(fresh, 'sign-up')

  await expectAccessible(pageA, 'chats, empty')
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })
  await contactRow(pageA, 'bob').click()
  await expect(pageA.getByRole('heading', { level: 1, name: 'bob' })).toBeVisible()
  await expectAccessible(pageA, 'contact detail')
  await pageA.getByRole('button', { name: 'Verify safety number' }).click()
  await expect(pageA.getByRole('heading', { level: 1, name: /Safety number/ })).toBeVisible()
  await expectAccessible(pageA, 'safety number')

  await openScreen(pageA, 'Contacts')
  await expectAccessible(pageA, 'contacts')
  await pageA.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await pageA.getByRole('button', { name: 'Create invite', exact: true }).click()
  await expect(pageA.getByLabel('Invite link', { exact: true })).toHaveValue(/^parley:\/\/invite\//)
  await expectAccessible(pageA, 'add a contact, invite')

  await contactRow(pageA, 'bob').click()
  await pageA.getByRole('button', { name: 'Message', exact: true }).click()
  const composer = pageA.getByRole('textbox', { name: /^Message / })
  await composer.fill('hello, accessible world')
  await composer.press('Enter')
  await expect(pageA.getByRole('list', { name: /^Messages with / }).getByText('hello, accessible world')).toBeVisible()
  await expectAccessible(pageA, 'chat')
  await pageA.getByRole('button', { name: 'Emoji', exact: true }).click()
  await expect(pageA.getByRole('searchbox', { name: 'Search emoji' })).toBeVisible()
  await expectAccessible(pageA, 'emoji picker')
  await pageA.keyboard.press('Escape')

  for (const screen of ['Profile', 'Settings', 'Network'] as const) {
    await openScreen(pageA, screen)
    await expectAccessible(pageA, screen)
  }
  // the dark theme has its own colours: contrast is checked there too
  await pageA.getByRole('button', { name: /dark theme/ }).click()
  for (const screen of ['Chats', 'Contacts', 'Settings'] as const) {
    await openScreen(pageA, screen)
    await expectAccessible(pageA, `${screen}, dark`)
  }

  await pageA.getByRole('button', { name: 'Log out', exact: true }).click()
  await expect(pageA.getByRole('list', { name: 'Accounts' })).toBeVisible()
  await expectAccessible(pageA, 'start, accounts')
})

/** Presses Tab until `target` has the focus (at most 80 times): it is reachable by keyboard, in order. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${what} cannot be reached with Tab`)
}

/** The focused element shows a visible focus ring (an outline or a box shadow). */
async function expectVisibleFocus(page: Page, what: string): Promise<void> {
  const ring = await page.evaluate(() => {
    const element = document.activeElement
    if (element === null || element === document.body) return 'nothing focused'
    const style = getComputedStyle(element)
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    return outlined || style.boxShadow !== 'none' ? 'ring' : `no ring on ${element.tagName}`
  })
  expect(ring, `focus on ${what}`).toBe('ring')
}

test('the main flow by keyboard alone: sign up, add a contact, chat, search', async ({ browser, peers }) => {
  test.setTimeout(180_000)
  const [alicePeer, bobPeer] = await peers(2)
  if (alicePeer === undefined || bobPeer === undefined) throw new Error('two peers expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(alicePeer.url)
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible()

  // sign up: fields and the button in Tab order, Enter submits
  await tabTo(page, page.getByLabel('Username', { exact: true }), 'the username')
  await expectVisibleFocus(page, 'the username')
  await page.keyboard.type('alice')
  await tabTo(page, page.getByLabel('Password', { exact: true }), 'the password')
  await page.keyboard.type(PASSWORD)
  await tabTo(page, page.getByLabel('Confirm password', { exact: true }), 'the confirmation')
  await page.keyboard.type(PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Chats', exact: true })).toBeVisible({ timeout: 30_000 })

  // bob signs up with the mouse; he sends alice a request through her invite
  const bob = await (await browser.newContext()).newPage()
  await bob.goto(bobPeer.url)
  const { signUp } = await import('./ui-helpers.js')
  await signUp(bob, 'bob', PASSWORD)

  // alice: Contacts → Add a contact → Create invite, by keyboard
  await tabTo(
    page,
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Contacts/ }),
    'Contacts',
  )
  await expectVisibleFocus(page, 'the Contacts button')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Add a contact', exact: true }), 'Add a contact')
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Create invite', exact: true }), 'Create invite')
  await page.keyboard.press('Enter')
  const link = await page.getByLabel('Invite link', { exact: true }).inputValue()
  expect(link).toMatch(/^parley:\/\/invite\//)

  await openScreen(bob, 'Contacts')
  await bob.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await bob.getByLabel('Invite from someone', { exact: true }).fill(link)
  await bob.getByRole('button', { name: 'Check invite', exact: true }).click()
  await bob.getByRole('button', { name: 'Send contact request', exact: true }).click()

  // alice accepts by keyboard
  const accept = page
    .getByRole('list', { name: 'Contact requests' })
    .getByRole('button', { name: /^Accept/ })
    .first()
  await expect(accept).toBeVisible()
  await tabTo(page, accept, 'Accept')
  await page.keyboard.press('Enter')
  await expect(contactRow(page, 'bob')).toContainText(/\bonline\b/)

  // open bob and write to him, by keyboard
  const row = contactRow(page, 'bob').getByRole('button').first()
  await tabTo(page, row, "bob's row")
  await page.keyboard.press('Enter')
  await tabTo(page, page.getByRole('button', { name: 'Message', exact: true }), 'Message')
  await page.keyboard.press('Enter')
  const composer = page.getByRole('textbox', { name: /^Message / })
  await tabTo(page, composer, 'the composer')
  await expectVisibleFocus(page, 'the composer')
  await page.keyboard.type('typed without a mouse')
  await page.keyboard.press('Enter')
  const list = page.getByRole('list', { name: /^Messages with / })
  await expect(list.getByText('typed without a mouse')).toBeVisible()

  // search, by keyboard; the hit opens the chat at the message
  await tabTo(page, page.getByRole('searchbox', { name: 'Search messages' }), 'the search box')
  await page.keyboard.type('without')
  const hit = page.getByRole('button', { name: /typed without a mouse/ }).first()
  await tabTo(page, hit, 'the search result')
  await expectVisibleFocus(page, 'the search result')
  await page.keyboard.press('Enter')
  await expect(list.getByText('typed without a mouse')).toBeVisible()

  // bob answers: a screen reader hears it, politely, while alice stays where she is
  await contactRow(bob, 'alice').click()
  await bob.getByRole('button', { name: 'Message', exact: true }).click()
  await bob.getByRole('textbox', { name: /^Message / }).fill('heard you')
  await bob.getByRole('textbox', { name: /^Message / }).press('Enter')
  await expect(page.getByTestId('new-message-announcer')).toHaveText('bob says: heard you')
  await expect(page.getByTestId('new-message-announcer')).toHaveAttribute('aria-live', 'polite')
})
