import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, contactRow, openScreen, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
/** A valid Ed25519 peer ID (the unit tests' fixed one): nothing listens for it. */
const FRIEND_ID = '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'
const FRIEND = `/ip4/127.0.0.1/tcp/9/p2p/${FRIEND_ID}`
const FIRST_RUN = 'How should this device talk to people?'

/** The first-run card, by its heading. */
function firstRunCard(page: Page): ReturnType<Page['getByRole']> {
  return page.getByRole('region', { name: FIRST_RUN })
}

test('a contact on 127.0.0.1 is reached on the LAN: the contact page, the list and the Network panel say so', async ({
  browser,
  peers,
}) => {
  test.setTimeout(120_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  // the first-run question waits on the Chats screen without standing in the way
  await expect(firstRunCard(pageA)).toBeVisible()
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })

  const row = contactRow(pageA, 'bob')
  await expect(row.getByTestId('contact-reach')).toHaveText('On the LAN')
  const bobId = await row.getAttribute('data-peer-id')
  if (bobId === null) throw new Error("bob's row names no peer ID")

  await row.getByRole('button').first().click()
  await expect(pageA.getByRole('heading', { level: 1, name: 'bob' })).toBeVisible()
  await expect(pageA.getByTestId('contact-reach')).toHaveText('On the LAN')
  await expect(pageA.locator('.presence')).toContainText(/\bonline\b/)
  await pageA.screenshot({ path: test.info().outputPath('contact-detail.png') })

  await openScreen(pageA, 'Network')
  const peerRow = pageA.getByRole('list', { name: 'Peers' }).getByRole('listitem').filter({ hasText: bobId })
  await expect(peerRow).toContainText(/\bconnected\b/)
  await expect(peerRow.getByTestId('peer-route')).toHaveText('on the LAN')
  await expect(pageA.getByTestId('own-reachability')).toContainText('LAN only: nothing leaves this network')
  await pageA.screenshot({ path: test.info().outputPath('network-panel.png'), fullPage: true })
})

test('the first-run question shows after sign-up; choosing LAN hides it, and the answer survives a reload', async ({
  browser,
  peers,
}) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('a peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', PASSWORD)

  const card = firstRunCard(page)
  await expect(card).toBeVisible()
  const lan = card.getByRole('button', { name: 'Only on this local network (LAN)', exact: true })
  const internet = card.getByRole('button', { name: 'Over the internet too', exact: true })
  await expect(lan).toHaveAccessibleDescription(/nothing leaves the network you are on/i)
  await expect(internet).toHaveAccessibleDescription(/your IP address is visible/)
  await expect(card).toContainText('You can change this later in Network')
  // not a modal: the welcome beside it still works
  await expect(page.getByRole('button', { name: 'Add your first contact' })).toBeEnabled()
  await page.screenshot({ path: test.info().outputPath('first-run.png') })

  await lan.click()
  await expect(card).toHaveCount(0)
  await expect(page.getByTestId('first-run-answered')).toContainText('LAN only')

  // after a reload the core's answer (modeChosen) arrives, and the card stays away
  const socket = page.waitForEvent('websocket')
  await page.reload()
  const answered = (await socket).waitForEvent('framereceived', {
    predicate: (frame) => String(frame.payload).includes('"modeChosen":true'),
  })
  await expect(page.getByRole('heading', { level: 1, name: 'Chats', exact: true })).toBeVisible({ timeout: 30_000 })
  await answered
  await expect(page.getByRole('button', { name: 'Add your first contact' })).toBeVisible()
  await expect(firstRunCard(page)).toHaveCount(0)

  await openScreen(page, 'Network')
  await expect(page.getByRole('radio', { name: 'LAN only' })).toBeChecked()
})

test('the bootstrap list: the public peers can be turned off, a friend’s node added and removed', async ({
  browser,
  peers,
}) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('a peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', PASSWORD)
  await openScreen(page, 'Network')

  const card = page.getByRole('region', { name: 'Bootstrap peers' })
  const publicSwitch = card.getByRole('switch', { name: 'Use the public libp2p bootstrap peers' })
  await expect(publicSwitch).toBeChecked()
  await expect(card.getByTestId('bootstrap-public-list')).toContainText('/p2p/')
  // the fixture starts its peers with --no-bootstrap: the host replaced the public list
  await expect(card.getByTestId('bootstrap-overridden')).toBeVisible()
  await expect(card).toContainText('None added yet.')

  const field = card.getByLabel("A friend's node address", { exact: true })
  const add = card.getByRole('button', { name: 'Add', exact: true })
  // checked here first: no /p2p/ part
  await field.fill('/ip4/127.0.0.1/tcp/9')
  await add.click()
  await expect(card.getByRole('alert')).toContainText('This is not a node address')
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  // looks right, but the core refuses it (no such IPv4 address): its error is shown
  await field.fill(`/ip4/999.0.0.1/tcp/9/p2p/${FRIEND_ID}`)
  await add.click()
  await expect(card.getByRole('alert')).toContainText('Could not save')
  await expect(field).toHaveValue(`/ip4/999.0.0.1/tcp/9/p2p/${FRIEND_ID}`)

  await field.fill(FRIEND)
  await add.click()
  const added = card.getByRole('list', { name: 'Added by you' })
  await expect(added.getByRole('listitem')).toHaveText([new RegExp(FRIEND)])
  await expect(field).toHaveValue('')
  await card.screenshot({ path: test.info().outputPath('bootstrap.png') })

  await publicSwitch.uncheck()
  await expect(publicSwitch).not.toBeChecked()
  await expect(card).toContainText('Not in use: the switch is off.')

  // both kept by the core
  await page.reload()
  await openScreen(page, 'Network')
  await expect(publicSwitch).not.toBeChecked()
  await expect(added.getByRole('listitem')).toHaveText([new RegExp(FRIEND)])

  await added.getByRole('button', { name: `Remove ${FRIEND}`, exact: true }).click()
  await expect(added).toHaveCount(0)
  await expect(card).toContainText('None added yet.')
  await publicSwitch.check()
  await expect(publicSwitch).toBeChecked()
})
