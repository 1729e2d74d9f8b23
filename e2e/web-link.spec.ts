import { expect, test } from './fixtures.js'
import { openScreen, signUp } from './ui-helpers.js'

test('the printed link signs in one browser, once; reloads stay signed in; a second browser needs a new link', async ({
  browser,
  peers,
}) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('one peer expected')
  const token = new URL(alice.url).hash.replace('#link=', '')

  const first = await browser.newContext()
  const page = await first.newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', 'correct horse battery')
  // the token is out of the address bar and of this page's history entry
  expect(page.url()).toBe(`${alice.origin}/`)
  expect(await page.evaluate(() => location.href)).not.toContain(token)

  // a reload, and a new tab of the same browser, stay signed in
  await page.reload()
  await expect(page.getByTestId('signed-in-username')).toHaveText('alice')
  const tab = await first.newPage()
  await tab.goto(alice.origin)
  await expect(tab.getByTestId('signed-in-username')).toHaveText('alice')
  // clicking the same link again in this browser just opens Parley
  await tab.goto(alice.url)
  await expect(tab.getByTestId('signed-in-username')).toHaveText('alice')
  await tab.close()

  // the same link in another browser: refused, with how to get a new one, and no data
  const second = await (await browser.newContext()).newPage()
  await second.goto(alice.url)
  await expect(second.getByRole('heading', { name: 'This link was already used' })).toBeVisible()
  await expect(second.getByTestId('new-link-help')).toContainText('parley web --new-link')
  await expect(second.getByTestId('new-link-help')).toContainText('press Enter in the terminal')
  await expect(second.getByTestId('signed-in-username')).toHaveCount(0)
  expect(second.url()).toBe(`${alice.origin}/`)
  await second.screenshot({ path: test.info().outputPath('link-already-used.png') })

  // a new link from the running host lets that browser in too
  await second.goto(await alice.newLink())
  await expect(second.getByTestId('signed-in-username')).toHaveText('alice')

  // and the first browser kept working all along
  await page.reload()
  await openScreen(page, 'Settings')
  await expect(page.getByTestId('signed-in-username')).toHaveText('alice')
})

test('a page without a link, or with a wrong one, gets nothing', async ({ browser, peers }) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('one peer expected')

  const bare = await (await browser.newContext()).newPage()
  await bare.goto(alice.origin)
  await expect(bare.getByRole('heading', { name: 'Open Parley from its link' })).toBeVisible()
  await expect(bare.getByTestId('own-peer-id')).toHaveCount(0)

  const wrong = await (await browser.newContext()).newPage()
  await wrong.goto(`${alice.origin}/#link=${'A'.repeat(43)}`)
  await expect(wrong.getByRole('heading', { name: 'This link does not work' })).toBeVisible()
  await expect(wrong.getByTestId('own-peer-id')).toHaveCount(0)

  // and a script on the page cannot talk to the API without a session either
  const seen = await bare.evaluate(async () => {
    const frames: string[] = []
    const ws = new WebSocket(`ws://${location.host}/api`, ['parley.v1', `parley.key.${'A'.repeat(43)}`])
    const code = await new Promise<number>((resolve) => {
      ws.onmessage = (m) => frames.push(String(m.data))
      ws.onclose = (event) => {
        resolve(event.code)
      }
    })
    const check = await fetch('/api/session', { headers: { 'X-Parley-Page-Key': 'A'.repeat(43) } })
    return { frames, code, check: check.status }
  })
  expect(seen).toEqual({ frames: [], code: 1006, check: 401 })

  // the printed link still works after all that
  const real = await (await browser.newContext()).newPage()
  await real.goto(alice.url)
  await expect(real.getByRole('heading', { name: 'Create your account' })).toBeVisible()
})
