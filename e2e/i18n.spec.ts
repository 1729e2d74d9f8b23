import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { englishOn, es, expectNoEnglish } from './i18n-catalogue.js'
import { contactRow, openScreen, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'

/** Open a screen from the sidebar by its Spanish name and wait for its heading. */
async function abrir(page: Page, key: 'chats' | 'contacts' | 'profile' | 'network' | 'settings'): Promise<void> {
  const name = es(`common.nav.${key}`)
  await page
    .getByRole('navigation', { name: es('common.nav.main') })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

test('a browser in Spanish shows Parley in Spanish on every screen of the main flow', async ({ browser, peers }) => {
  test.setTimeout(180_000)
  const [alice, bob] = await peers(2)
  if (alice === undefined || bob === undefined) throw new Error('two peers expected')
  const page = await (await browser.newContext({ locale: 'es-ES' })).newPage()
  const pageB = await (await browser.newContext({ locale: 'en-US' })).newPage()

  // start screen and sign-up, in Spanish from the first paint
  await page.goto(alice.url)
  await expect(page.getByRole('heading', { name: es('start.signUp.title') })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expectNoEnglish(page, 'start')
  await page.getByLabel(es('start.signUp.username'), { exact: true }).fill('alice')
  await page.getByLabel(es('start.signUp.password'), { exact: true }).fill(PASSWORD)
  await page.getByLabel(es('start.signUp.confirm'), { exact: true }).fill(PASSWORD)
  await expect(page.getByRole('meter', { name: es('common.password.strength') })).toBeVisible()
  await expectNoEnglish(page, 'sign-up')
  await page.getByRole('button', { name: es('start.signUp.submit'), exact: true }).click()
  await expect(page.getByRole('navigation', { name: es('common.nav.main') })).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText(es('chats.list.welcomeTitle'))).toBeVisible()
  await expectNoEnglish(page, 'chats (welcome)')

  // bob, in English, invites alice
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', PASSWORD)
  await openScreen(pageB, 'Contacts')
  await pageB.getByRole('button', { name: 'Add a contact', exact: true }).click()
  await pageB.getByRole('button', { name: 'Create invite', exact: true }).click()
  const linkField = pageB.getByLabel('Invite link', { exact: true })
  await expect(linkField).toHaveValue(/^parley:\/\/invite\//)
  const link = await linkField.inputValue()

  // alice uses the invite
  await abrir(page, 'contacts')
  await expectNoEnglish(page, 'contacts (empty)')
  await page.getByRole('button', { name: es('contacts.add'), exact: true }).click()
  await page.getByRole('button', { name: es('contacts.invite.create'), exact: true }).click()
  await expect(page.getByLabel(es('contacts.invite.link'), { exact: true })).toHaveValue(/^parley:\/\/invite\//)
  await expectNoEnglish(page, 'add a contact')
  await page.getByLabel(es('contacts.paste.label'), { exact: true }).fill(link)
  await page.getByRole('button', { name: es('contacts.paste.submit'), exact: true }).click()
  await expect(page.getByTestId('invite-preview')).toBeVisible()
  await expectNoEnglish(page, 'invite preview')
  await page.getByRole('button', { name: es('contacts.preview.submit'), exact: true }).click()
  const sent = page.getByRole('status').filter({ hasText: es('contacts.paste.sent').split('{{')[0] ?? '' })
  await expect(sent).toBeVisible()
  await expectNoEnglish(page, 'request sent')

  // bob accepts: alice's notice follows, and bob is online in her list
  await pageB
    .getByRole('list', { name: 'Contact requests' })
    .getByRole('listitem')
    .filter({ hasText: 'alice' })
    .getByRole('button', { name: 'Accept', exact: false })
    .click()
  await expect(contactRow(pageB, 'alice')).toContainText(/\bonline\b/)
  await expect(page.getByRole('status').filter({ hasText: 'bob' })).toContainText(
    es('contacts.paste.accepted').replace('{{name}}', 'bob'),
  )
  const row = page
    .getByRole('list', { name: es('common.nav.contacts'), exact: true })
    .getByRole('listitem')
    .filter({ hasText: 'bob' })
  await expect(row).toContainText(es('contacts.online'))
  await expectNoEnglish(page, 'contacts')

  // bob's page, then the chat with him
  await row.getByRole('button').first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'bob' })).toBeVisible()
  await expectNoEnglish(page, 'contact detail')
  await page.getByRole('button', { name: es('contacts.detail.verify'), exact: true }).click()
  await expect(page.getByTestId('safety-number')).toBeVisible()
  await expectNoEnglish(page, 'safety number')
  await page.getByRole('button', { name: es('contacts.backTo').replace('{{name}}', 'bob') }).click()
  await page.getByRole('button', { name: es('contacts.detail.message'), exact: true }).click()
  const composer = page.getByRole('textbox', { name: es('chats.composer.label').replace('{{name}}', 'bob') })
  await expect(composer).toBeVisible()
  await expectNoEnglish(page, 'empty chat')
  await composer.fill('¡Hola, Bob! ¿Qué tal la mañana?')
  await page.getByRole('button', { name: es('chats.composer.send'), exact: true }).click()
  await expect(
    page
      .getByRole('img', { name: es('chats.states.delivered') })
      .or(page.getByRole('img', { name: es('chats.states.read') })),
  ).toBeVisible()
  await expect(page.getByText(es('chats.today'), { exact: true })).toBeVisible()
  await expectNoEnglish(page, 'chat')
  await page
    .getByRole('button', { name: es('chats.menu.label') })
    .first()
    .click()
  await expect(page.getByRole('menu', { name: es('chats.menu.label') })).toBeVisible()
  await expectNoEnglish(page, 'message menu')
  await page.keyboard.press('Escape')

  // search
  await abrir(page, 'chats')
  await page.getByRole('searchbox', { name: es('chats.searchMessages') }).fill('mañana')
  await expect(page.getByText(es('chats.search.found_one').replace('{{count}}', '1'))).toBeVisible()
  await expectNoEnglish(page, 'search')

  for (const [key, ready] of [
    ['profile', es('profile.preview.title')],
    ['network', es('network.device.title')],
    ['settings', es('settings.language.title')],
  ] as const) {
    await abrir(page, key)
    await expect(page.getByRole('heading', { level: 2, name: ready })).toBeVisible()
    await expectNoEnglish(page, key)
  }
  await page.screenshot({ path: test.info().outputPath('ajustes.png'), fullPage: true })
})

test('switching the language in Settings changes every text at once, without a reload', async ({ browser, peers }) => {
  test.setTimeout(90_000)
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('a peer expected')
  const page = await (await browser.newContext({ locale: 'en-US' })).newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', PASSWORD)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await openScreen(page, 'Settings')
  await expect(page.getByRole('radio', { name: 'System default (English)' })).toBeChecked()
  // the check that guards the Spanish screens does see English where there is some
  expect(await englishOn(page)).toEqual(expect.arrayContaining(['Settings', 'Change password', 'Log out']))
  // a mark on the window: a reload would lose it
  await page.evaluate(() => {
    Object.assign(window, { parleyMark: 'kept' })
  })

  await page.getByRole('radio', { name: 'Español', exact: true }).check()
  await expect(page.getByRole('heading', { level: 1, name: es('common.nav.settings'), exact: true })).toBeVisible()
  await expect(page.getByRole('navigation', { name: es('common.nav.main') })).toContainText(es('common.nav.contacts'))
  await expect(page.getByRole('button', { name: es('common.signedIn.logOut') })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expectNoEnglish(page, 'settings after switching')
  expect(await page.evaluate(() => (window as unknown as { parleyMark?: string }).parleyMark)).toBe('kept')
  expect(await page.evaluate(() => localStorage.getItem('parley.language'))).toBe('es')

  await abrir(page, 'chats')
  await expectNoEnglish(page, 'chats after switching')
  await abrir(page, 'settings')
  await page.getByRole('radio', { name: 'English', exact: true }).check()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings', exact: true })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('radio', { name: /^Predeterminado del sistema|^System default/ }).check()
  expect(await page.evaluate(() => localStorage.getItem('parley.language'))).toBeNull()
})
