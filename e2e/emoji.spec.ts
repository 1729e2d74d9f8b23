import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, contactRow } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'

function bubble(page: Page, text: string): Locator {
  return page
    .getByRole('list', { name: /^Messages with / })
    .getByRole('listitem')
    .filter({ hasText: text })
}

/**
 * Whether an element's text draws in colour: a colour emoji font paints
 * coloured pixels, a missing-glyph box or a monochrome fallback only greys.
 * The text is drawn on a canvas in the element's own font.
 */
async function drawsInColour(target: Locator): Promise<boolean> {
  return target.evaluate(async (element) => {
    await document.fonts.ready
    const style = getComputedStyle(element)
    const canvas = document.createElement('canvas')
    canvas.width = 1024
    canvas.height = 64
    const context = canvas.getContext('2d')
    if (context === null) return false
    context.font = `40px ${style.fontFamily}`
    context.textBaseline = 'top'
    context.fillStyle = '#000'
    context.fillText(element.textContent, 4, 4)
    const pixels = context.getImageData(0, 0, 1024, 64).data
    for (let i = 0; i + 3 < pixels.length; i += 4) {
      const [r, g, b, a] = pixels.subarray(i, i + 4)
      if ((a ?? 0) > 128 && Math.max(r ?? 0, g ?? 0, b ?? 0) - Math.min(r ?? 0, g ?? 0, b ?? 0) > 60) return true
    }
    return false
  })
}

test('emoji: picked in the composer they draw as colour glyphs; a reaction with any emoji reaches the other side', async ({
  browser,
  peers,
}) => {
  test.setTimeout(120_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })
  await contactRow(pageA, 'bob').click()
  await pageA.getByRole('button', { name: 'Message', exact: true }).click()

  const composer = pageA.getByRole('textbox', { name: /^Message / })
  await composer.fill('Look ')
  await pageA.getByRole('button', { name: 'Emoji', exact: true }).click()
  const picker = pageA.getByRole('dialog', { name: 'Emoji' })
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('avocado')
  await picker
    .getByRole('gridcell', { name: /avocado/i })
    .first()
    .click()
  await expect(picker).toBeHidden()
  await expect(composer).toHaveValue('Look 🥑')
  await composer.press('Enter')

  // no emoji font on this machine: what draws it in colour is the one the app brings
  const sent = bubble(pageA, 'Look 🥑')
  await expect(sent).toBeVisible()
  expect(await drawsInColour(sent.locator('.bubble__text'))).toBe(true)
  // the same check tells a missing glyph apart: a private-use character draws no colour
  await pageA.evaluate(() => {
    const probe = document.createElement('span')
    probe.id = 'no-glyph'
    probe.textContent = '\u{F0000}'
    document.body.append(probe)
  })
  expect(await drawsInColour(pageA.locator('#no-glyph'))).toBe(false)

  // bob reacts with an emoji that is not one of the six quick ones
  await contactRow(pageB, 'alice').click()
  await pageB.getByRole('button', { name: 'Message', exact: true }).click()
  await bubble(pageB, 'Look 🥑').getByRole('button', { name: 'Message actions', exact: true }).click()
  const menu = pageB.getByRole('menu', { name: 'Message actions' })
  await menu.getByRole('menuitem', { name: 'More reactions' }).click()
  const reactPicker = pageB.getByRole('searchbox', { name: 'Search emoji' })
  await reactPicker.fill('party popper')
  await pageB
    .getByRole('gridcell', { name: /party popper/i })
    .first()
    .click()
  await expect(bubble(pageB, 'Look 🥑')).toContainText('🎉')
  await expect(bubble(pageA, 'Look 🥑')).toContainText('🎉')
})
