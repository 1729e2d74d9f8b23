/**
 * The route through a relay, for real peers on 127.0.0.1: a `parley node
 * --relay` and two web peers in internet mode whose only listen address is
 * `/p2p-circuit`. Each reserves a slot on the relay (their one bootstrap
 * peer), so an invite carries nothing but the relay circuit address and the
 * contacts reach each other through it alone: the contact page says
 * "Connected through relay 12D3KooW…", the Network panel "relayed via 12D3KooW…".
 *
 * "On the LAN" is in reach-ui.spec.ts. "Direct" is in reach-direct.spec.ts:
 * a connection counts as direct only from an address outside the LAN, and
 * 127.0.0.1 is the LAN, so those peers and the browser run in network
 * namespaces on a public-looking subnet.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { CliPeer, requireBuiltCli } from '../test/support/cli-process.js'
import { expect, startWebPeer, test as base, type WebPeer } from './fixtures.js'
import { becomeContacts, contactRow, openScreen, peerRow, sendAndSeeDelivered, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
const MESSAGE = 'Hello Bob, this went through the relay'
/** Reservations, contact requests and deliveries all cross the relay: a little more time than on the LAN. */
const NETWORK_TIMEOUT = 30_000

/** A `parley node --relay` on 127.0.0.1, as the web peers dial it. */
interface Relay {
  readonly peerId: string
  /** `/ip4/127.0.0.1/tcp/<port>/p2p/<peer ID>` */
  readonly address: string
}

/** The renderer's short form of a peer ID (contact-labels.ts `shortPeerId`): first 8, an ellipsis, last 6. */
function shortPeerId(peerId: string): string {
  return peerId.length <= 16 ? peerId : `${peerId.slice(0, 8)}…${peerId.slice(-6)}`
}

const test = base.extend<{ relay: Relay; relayedPeer: () => Promise<WebPeer> }>({
  // Playwright reads the fixture's dependencies from the destructuring pattern: none here
  // eslint-disable-next-line no-empty-pattern
  relay: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-relay-'))
    // internet mode (a relay and DHT server), but no public bootstrap peers and no mDNS: it serves this test only
    const child = spawn(
      process.execPath,
      [
        requireBuiltCli(),
        'node',
        '--data-dir',
        dataDir,
        '--mode',
        'internet',
        '--relay',
        '--no-mdns',
        '--no-bootstrap',
        '--listen',
        '/ip4/127.0.0.1/tcp/0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const cli = new CliPeer(child)
    try {
      const peerId = await cli.peerId(20_000)
      // the listening lines come before this one
      await cli.waitForLine((line) => line.startsWith('  relaying for up to '), 20_000)
      const listening = cli.stdoutLines
        .map((line) => /^\s+listening on (\/ip4\/127\.0\.0\.1\/tcp\/\d+\S*)$/.exec(line)?.[1])
        .find((address) => address !== undefined)
      if (listening === undefined)
        throw new Error(`the relay listens on no 127.0.0.1 TCP address:\n${cli.stdoutLines.join('\n')}`)
      const address = listening.includes('/p2p/') ? listening : `${listening}/p2p/${peerId}`
      await use({ peerId, address })
    } finally {
      await cli.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  },
  relayedPeer: async ({ relay }, use) => {
    const started: WebPeer[] = []
    await use(async () => {
      // no TCP listener: the relay (found through bootstrap) is the only way in
      const peer = await startWebPeer([], { mode: 'internet', listen: ['/p2p-circuit'], bootstrap: [relay.address] })
      started.push(peer)
      return peer
    })
    await Promise.all(started.map((p) => p.stop()))
  },
})

/** Wait until the Network screen says this device holds a reservation on the relay, and listens through it alone. */
async function expectReservedOn(page: Page, relay: Relay): Promise<void> {
  await openScreen(page, 'Network')
  await expect(page.getByTestId('own-reachability')).toContainText(
    `Behind a NAT: reachable through relay ${shortPeerId(relay.peerId)}`,
    { timeout: NETWORK_TIMEOUT },
  )
  await expect(page.getByRole('list', { name: 'Relays holding a place for this device' })).toHaveText(relay.peerId)
  const addresses = page.getByTestId('listen-address')
  await expect(addresses.first()).toBeVisible()
  const throughRelay = new RegExp(`^${relay.address.replaceAll('.', '\\.')}/p2p-circuit/p2p/12D3KooW\\w+$`)
  for (const address of await addresses.allTextContents()) expect(address.trim()).toMatch(throughRelay)
}

test('contacts reachable only through a relay: the contact page and the Network panel say "through relay", and a message arrives', async ({
  browser,
  relay,
  relayedPeer,
}) => {
  test.setTimeout(180_000)
  const alice = await relayedPeer()
  const bob = await relayedPeer()
  const pageA = await (await browser.newContext()).newPage()
  const pageB = await (await browser.newContext()).newPage()
  await pageA.goto(alice.url)
  await signUp(pageA, 'alice', PASSWORD)
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', PASSWORD)

  // each holds a slot on the relay before the invite is made: the invite carries the circuit address
  await expectReservedOn(pageA, relay)
  await expectReservedOn(pageB, relay)
  await pageA.screenshot({ path: test.info().outputPath('network-reserved.png'), fullPage: true })

  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })

  const relayShort = shortPeerId(relay.peerId)
  const bobId = await contactRow(pageA, 'bob').getAttribute('data-peer-id')
  if (bobId === null) throw new Error("bob's row names no peer ID")

  // B's contact page for A: connected through the relay, its whole peer ID in the tooltip
  const aliceRow = contactRow(pageB, 'alice')
  await expect(aliceRow.getByTestId('contact-reach')).toHaveText(`Connected through relay ${relayShort}`, {
    timeout: NETWORK_TIMEOUT,
  })
  await aliceRow.getByRole('button').first().click()
  await expect(pageB.getByRole('heading', { level: 1, name: 'alice' })).toBeVisible()
  const reach = pageB.getByTestId('contact-reach')
  await expect(reach).toHaveText(`Connected through relay ${relayShort}`)
  await expect(reach).toHaveAttribute('title', `Relay ${relay.peerId}`)
  await expect(pageB.locator('.presence')).toContainText(/\bonline\b/)
  await pageB.screenshot({ path: test.info().outputPath('contact-detail.png') })

  // A's Network panel: B's row is relayed via the relay; the relay itself is a peer dialled on 127.0.0.1
  await openScreen(pageA, 'Network')
  const bobAtA = peerRow(pageA, bobId)
  await expect(bobAtA).toContainText(/\bconnected\b/)
  const route = bobAtA.getByTestId('peer-route')
  await expect(route).toHaveText(`relayed via ${relayShort}`, { timeout: NETWORK_TIMEOUT })
  await expect(route).toHaveAttribute('title', `Relay ${relay.peerId}`)
  await expect(peerRow(pageA, relay.peerId).getByTestId('peer-route')).toHaveText('on the LAN')
  // the screen scrolls inside its own pane: bring the row into the view for the picture
  await bobAtA.scrollIntoViewIfNeeded()
  await pageA.screenshot({ path: test.info().outputPath('network-panel.png') })

  // the relayed connection carries messages: A writes, B's device acknowledges, B reads it
  await sendAndSeeDelivered(pageA, pageB, { from: 'alice', to: 'bob' }, MESSAGE, NETWORK_TIMEOUT)

  // and it is still the relay that carries them: nothing upgraded the route behind the test's back
  await openScreen(pageA, 'Network')
  await expect(peerRow(pageA, bobId).getByTestId('peer-route')).toHaveText(`relayed via ${relayShort}`)
})
