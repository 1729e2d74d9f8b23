import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { openScreen, signUp } from './ui-helpers.js'

async function ownPeerId(page: Page): Promise<string> {
  const id = page.getByTestId('own-peer-id')
  await expect(id).toHaveText(/12D3KooW\w+/)
  return (await id.textContent())?.trim() ?? ''
}

async function loopbackAddress(page: Page): Promise<string> {
  const address = page.getByTestId('listen-address').filter({ hasText: '/ip4/127.0.0.1/tcp/' }).first()
  await expect(address).toBeVisible()
  return (await address.textContent())?.trim() ?? ''
}

test('two browsers: one dials the other, both Network panels show the peer connected', async ({ browser, peers }) => {
  const [alice, bob] = await peers(2)
  if (alice === undefined || bob === undefined) throw new Error('two peers expected')
  const pageA = await (await browser.newContext()).newPage()
  const pageB = await (await browser.newContext()).newPage()
  await pageA.goto(alice.url)
  await signUp(pageA, 'alice', 'correct horse battery')
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', 'correct horse battery')
  // the app opens on the chats; the Network page is one click away
  await expect(pageA.getByRole('heading', { name: 'Chats', exact: true })).toBeVisible()
  await openScreen(pageA, 'Network')
  await openScreen(pageB, 'Network')

  // the link's token left the address bar as soon as the page read it
  expect(new URL(pageA.url()).hash).toBe('')

  const idA = await ownPeerId(pageA)
  const idB = await ownPeerId(pageB)
  const addressB = await loopbackAddress(pageB)
  expect(addressB).toContain(`/p2p/${idB}`)

  await pageA.getByLabel('Peer address').fill(addressB)
  await pageA.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(pageA.getByRole('status')).toContainText(idB)

  const rowAtA = pageA.getByRole('list', { name: 'Peers' }).getByRole('listitem').filter({ hasText: idB })
  const rowAtB = pageB.getByRole('list', { name: 'Peers' }).getByRole('listitem').filter({ hasText: idA })
  await expect(rowAtA).toContainText(/\bconnected\b/)
  await expect(rowAtB).toContainText(/\bconnected\b/)

  // a reload keeps working (the browser stays signed in)
  await pageB.reload()
  await openScreen(pageB, 'Network')
  await expect(pageB.getByRole('list', { name: 'Peers' }).getByRole('listitem').filter({ hasText: idA })).toContainText(
    /\bconnected\b/,
  )

  // hanging up shows on both sides, live
  await rowAtA.getByRole('button', { name: `Disconnect ${idB}` }).click()
  await expect(rowAtA).not.toContainText(/\bconnected\b/)
  await expect(
    pageB.getByRole('list', { name: 'Peers' }).getByRole('listitem').filter({ hasText: idA }),
  ).not.toContainText(/\bconnected\b/)
})

test('a bad address gives a clear error and the panel keeps working', async ({ browser, peers }) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('one peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', 'correct horse battery')
  await openScreen(page, 'Network')
  await page.getByLabel('Peer address').fill('/ip4/127.0.0.1/tcp/1')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('/p2p/')
  await page.getByLabel('Peer address').fill('not an address')
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText(/multiaddr/i)
  await expect(page.getByTestId('own-peer-id')).toHaveText(/12D3KooW/)
})

test('switching the network mode updates the panel', async ({ browser, peers }) => {
  const [alice] = await peers(1)
  if (alice === undefined) throw new Error('one peer expected')
  const page = await (await browser.newContext()).newPage()
  await page.goto(alice.url)
  await signUp(page, 'alice', 'correct horse battery')
  await openScreen(page, 'Network')
  await expect(page.getByRole('radio', { name: 'LAN only' })).toBeChecked()
  await expect(page.getByTestId('listen-address').first()).toBeVisible()
  await page.getByRole('radio', { name: 'Offline' }).check()
  await expect(page.getByRole('radio', { name: 'Offline' })).toBeChecked()
  await expect(page.getByTestId('listen-address')).toHaveCount(0)
  await page.getByRole('radio', { name: 'LAN only' }).check()
  await expect(page.getByTestId('listen-address').first()).toBeVisible()
})
