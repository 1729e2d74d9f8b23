import type { Page, TestInfo } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, contactRow, openScreen } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
const WIDTHS = [640, 760, 960, 1280, 1920] as const
/** Below this width the chat list and the chat take turns (chats.css). */
const ONE_PANE_BELOW = 901

/** A screenshot kept with the run's results (test-results/…), and attached to the report. */
async function keep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Nothing wider than the window: no horizontal scrollbar on the page or the main pane. */
async function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => {
    const main = document.querySelector('main')
    const page = document.scrollingElement ?? document.documentElement
    return Math.max(page.scrollWidth - page.clientWidth, main === null ? 0 : main.scrollWidth - main.clientWidth)
  })
}

async function widthOf(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox()
  if (box === null) throw new Error(`${selector} is not on screen`)
  return box.width
}

test('from 640 px to 1920 px: the chat list and the chat adapt, the composer stays usable', async ({
  browser,
  peers,
}, testInfo) => {
  test.setTimeout(120_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  // after sign-up the app opens on the chats, with a way to a first contact
  await expect(pageA.getByRole('heading', { level: 1, name: 'Chats', exact: true })).toBeVisible()
  await expect(pageA.getByRole('button', { name: 'Add your first contact' })).toBeVisible()

  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })
  await contactRow(pageA, 'bob').click()
  await pageA.getByRole('button', { name: 'Message', exact: true }).click()
  const composer = pageA.getByRole('textbox', { name: /^Message / })
  const long = `${'A long message that goes on. '.repeat(60)}The end.`
  await composer.fill(long)
  await composer.press('Enter')
  const bubble = pageA
    .getByRole('list', { name: /^Messages with / })
    .getByRole('listitem')
    .filter({ hasText: 'A long message' })
  await expect(bubble.getByRole('button', { name: 'Show more' })).toBeVisible()
  await expect(bubble).not.toContainText('The end.')
  await bubble.getByRole('button', { name: 'Show more' }).click()
  await expect(bubble).toContainText('The end.')
  await bubble.getByRole('button', { name: 'Show less' }).click()

  for (const width of WIDTHS) {
    await pageA.setViewportSize({ width, height: 820 })
    await expect(composer).toBeVisible()
    expect(await widthOf(pageA, 'textarea.composer__input'), `composer at ${width}px`).toBeGreaterThanOrEqual(240)
    expect(await overflowX(pageA), `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0)
    const avatar = pageA.locator('.chat-header').locator('.avatar, .initial-badge').first()
    expect((await avatar.boundingBox())?.height ?? 0, `header picture at ${width}px`).toBeLessThanOrEqual(48)
    const list = pageA.getByRole('list', { name: 'Conversations' })
    const back = pageA.getByRole('button', { name: 'Back to chats' })
    if (width < ONE_PANE_BELOW) {
      // one pane at a time: the chat, with a way back to the list
      await expect(list).toBeHidden()
      await expect(back).toBeVisible()
    } else {
      await expect(list).toBeVisible()
      await expect(back).toBeHidden()
      // the chat is never narrower than the list
      expect(await widthOf(pageA, '.chats__main')).toBeGreaterThan(await widthOf(pageA, '.chats__side'))
    }
    await keep(pageA, testInfo, `chat-${width}px`)
  }

  // narrow: back to the list, then into the chat again
  await pageA.setViewportSize({ width: 700, height: 820 })
  await pageA.getByRole('button', { name: 'Back to chats' }).click()
  await expect(pageA.getByRole('list', { name: 'Conversations' })).toBeVisible()
  await expect(composer).toBeHidden()
  await pageA.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /bob/ }).click()
  await expect(composer).toBeVisible()

  // every screen fits at the narrowest width
  await pageA.setViewportSize({ width: 640, height: 820 })
  for (const screen of ['Contacts', 'Profile', 'Network', 'Settings'] as const) {
    await openScreen(pageA, screen)
    expect(await overflowX(pageA), `horizontal overflow on ${screen} at 640px`).toBeLessThanOrEqual(0)
    await keep(pageA, testInfo, `${screen.toLowerCase()}-640px`)
  }
})

test('mute for a while: the header says until when, and it can be undone', async ({ browser, peers }) => {
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })
  await contactRow(pageA, 'bob').click()
  await pageA.getByRole('button', { name: 'Message', exact: true }).click()
  const mute = pageA.getByRole('button', { name: 'Mute notifications' })
  await mute.click()
  await pageA.getByRole('menu', { name: 'Mute notifications' }).getByRole('menuitem', { name: 'For 8 hours' }).click()
  await expect(mute).toHaveAttribute('aria-pressed', 'true')
  await expect(mute).toContainText(/Muted until/)
  await mute.click()
  await pageA.getByRole('menuitem', { name: 'Unmute' }).click()
  await expect(mute).toHaveAttribute('aria-pressed', 'false')
  await expect(mute).toHaveText('Mute')
})
