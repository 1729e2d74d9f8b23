/**
 * The direct route, for real peers: on 127.0.0.1 every connection is "on the
 * LAN" (loopback is the LAN), so here the peers and the browser each sit in a
 * network namespace of their own on a "public" subnet (netns-browser.ts):
 * alice's `parley web` on 11.22.33.30, bob's on 11.22.33.31, Chromium on
 * 11.22.33.32. Both peers run in internet mode with nothing but a TCP
 * listener (no mDNS, no bootstrap, no relay), so alice's invite carries
 * `/ip4/11.22.33.30/tcp/4001` and bob dials her there: bob's contact page
 * says "Direct connection", alice's Network panel "direct", and a message
 * crosses that connection.
 *
 * Needs root and `ip netns` (it skips, saying why, without them).
 */
import type { Browser } from '@playwright/test'
import { expect, test as base } from './fixtures.js'
import {
  createPublicSubnet,
  launchBrowserIn,
  netnsUnavailableReason,
  startNsWebPeer,
  type NsWebPeer,
  type PublicSubnet,
} from './netns-browser.js'
import { becomeContacts, contactRow, openScreen, peerRow, sendAndSeeDelivered, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
const MESSAGE = 'Hello Bob, this came straight to you'
const NETWORK_TIMEOUT = 30_000

const test = base.extend<{
  subnet: PublicSubnet
  nsPeers: { readonly alice: NsWebPeer; readonly bob: NsWebPeer }
  nsBrowser: Browser
}>({
  // Playwright reads the fixture's dependencies from the destructuring pattern: none here
  // eslint-disable-next-line no-empty-pattern
  subnet: async ({}, use, testInfo) => {
    const reason = await netnsUnavailableReason()
    if (reason !== undefined) {
      process.stdout.write(`e2e/reach-direct.spec.ts skipped: ${reason}\n`)
      testInfo.skip(true, reason)
      return
    }
    const subnet = await createPublicSubnet('e2e-direct')
    try {
      await use(subnet)
    } finally {
      await subnet.destroy()
    }
  },
  nsPeers: async ({ subnet }, use) => {
    const started: NsWebPeer[] = []
    try {
      const alice = await startNsWebPeer(subnet.pa)
      started.push(alice)
      const bob = await startNsWebPeer(subnet.pb)
      started.push(bob)
      await use({ alice, bob })
    } finally {
      await Promise.all(started.map((p) => p.stop()))
    }
  },
  nsBrowser: async ({ subnet }, use) => {
    const launched = await launchBrowserIn(subnet.pc)
    try {
      await use(launched.browser)
    } finally {
      await launched.close()
    }
  },
})

test('contacts on public addresses reach each other directly: the contact page and the Network panel say "direct", and a message arrives', async ({
  subnet,
  nsPeers,
  nsBrowser,
}) => {
  test.setTimeout(180_000)
  const { alice, bob } = nsPeers
  const pageA = await (await nsBrowser.newContext({ locale: 'en-US' })).newPage()
  const pageB = await (await nsBrowser.newContext({ locale: 'en-US' })).newPage()
  await pageA.goto(alice.url)
  await signUp(pageA, 'alice', PASSWORD)
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', PASSWORD)

  // alice's own addresses: the announced public one is among them, so her invite carries it
  await openScreen(pageA, 'Network')
  await expect(pageA.getByTestId('listen-address').filter({ hasText: alice.address }).first()).toBeVisible()

  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })
  const bobId = await contactRow(pageA, 'bob').getAttribute('data-peer-id')
  if (bobId === null) throw new Error("bob's row names no peer ID")

  // B's contact page for A: a direct connection
  const aliceRow = contactRow(pageB, 'alice')
  await expect(aliceRow.getByTestId('contact-reach')).toHaveText('Direct connection', { timeout: NETWORK_TIMEOUT })
  await aliceRow.getByRole('button').first().click()
  await expect(pageB.getByRole('heading', { level: 1, name: 'alice' })).toBeVisible()
  await expect(pageB.getByTestId('contact-reach')).toHaveText('Direct connection')
  await expect(pageB.locator('.presence')).toContainText(/\bonline\b/)
  await pageB.screenshot({ path: test.info().outputPath('contact-detail.png') })

  // A's Network panel: B's row is connected, its route direct, from B's public address
  await openScreen(pageA, 'Network')
  const bobAtA = peerRow(pageA, bobId)
  await expect(bobAtA).toContainText(/\bconnected\b/)
  await expect(bobAtA.getByTestId('peer-route')).toHaveText('direct', { timeout: NETWORK_TIMEOUT })
  await expect(bobAtA).toContainText(`/ip4/${subnet.pb.ip}/tcp/`)
  await bobAtA.scrollIntoViewIfNeeded()
  await pageA.screenshot({ path: test.info().outputPath('network-panel.png') })

  // the direct connection carries messages: A writes, B's device acknowledges, B reads it
  await sendAndSeeDelivered(pageA, pageB, { from: 'alice', to: 'bob' }, MESSAGE, NETWORK_TIMEOUT)

  // still direct after the message: nothing else (no relay exists here) carried it
  await openScreen(pageA, 'Network')
  await expect(peerRow(pageA, bobId).getByTestId('peer-route')).toHaveText('direct')
})
