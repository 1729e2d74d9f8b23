import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { DmPeer, burstText } from '../test/support/dm-peer.js'
import { expect, test } from './fixtures.js'
import { contactRow, openScreen, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
/** The long conversation: sent over the network by another core, as a very busy contact would. */
const MESSAGES = 100_000
/** The chat view holds a window of at most 1,000 messages and renders only what is on screen. */
const MOST_ROWS_RENDERED = 150
/** Times the test scrolls to the top; each must bring older messages. */
const PAGES_UP = 20

function messageList(page: Page): Locator {
  return page.getByRole('list', { name: /^Messages with / })
}

/** The numbers of the burst messages rendered now (burstText: m0001, m0002, …), top to bottom. */
async function renderedNumbers(page: Page): Promise<number[]> {
  const texts = await messageList(page).getByRole('listitem').locator('.bubble__text').allTextContents()
  return texts.flatMap((text) => {
    const match = /^m(\d{4,})$/.exec(text.trim())
    return match?.[1] === undefined ? [] : [Number(match[1])]
  })
}

/**
 * Waits for the opened chat to show the newest burst message. It is the first
 * read after 100,000 writes, while both cores' stores may still be compacting,
 * so it gets longer than an ordinary wait; if it never comes, the failure says
 * what the chat showed instead (still loading, an error, other messages).
 */
async function newestShown(page: Page): Promise<void> {
  const newest = messageList(page)
    .getByRole('listitem')
    .filter({ hasText: burstText(MESSAGES) })
  try {
    await newest.waitFor({ state: 'visible', timeout: 60_000 })
  } catch (err) {
    const chat = await page
      .getByRole('region', { name: /^Chat with / })
      .innerText({ timeout: 1_000 })
      .catch(() => '(no chat)')
    const numbers = await renderedNumbers(page).catch(() => [])
    throw new Error(
      `the chat did not show ${burstText(MESSAGES)}; rendered ${numbers.length} burst rows ` +
        `(${String(numbers.at(0))}…${String(numbers.at(-1))}); the chat reads: ${chat.slice(0, 400)}`,
      { cause: err },
    )
  }
}

test('a conversation of 100,000 messages: it opens at the newest, renders a few rows, and pages up', async ({
  peers,
  page,
}) => {
  test.setTimeout(600_000)
  const [ann] = await peers(1)
  if (ann === undefined) throw new Error('no peer')
  await page.goto(ann.url)
  await signUp(page, 'ann', PASSWORD)

  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-bob-'))
  const bob = await DmPeer.start({ dataDir, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false })
  try {
    const created = await bob.invoke('createAccount', {
      username: 'bob',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    })
    expect(created.ok).toBe(true)

    // Ann invites, Bob (a core, through the contract) uses the invite, Ann accepts
    await openScreen(page, 'Contacts')
    await page.getByRole('button', { name: 'Add a contact', exact: true }).click()
    await page.getByRole('button', { name: 'Create invite', exact: true }).click()
    const linkField = page.getByLabel('Invite link', { exact: true })
    await expect(linkField).toHaveValue(/^parley:\/\/invite\//)
    const accepted = await bob.invoke('acceptInvite', { link: await linkField.inputValue(), message: 'hi Ann' })
    expect(accepted.ok).toBe(true)
    await page
      .getByRole('list', { name: 'Contact requests' })
      .getByRole('listitem')
      .filter({ hasText: 'bob' })
      .getByRole('button', { name: 'Accept', exact: false })
      .click()
    await expect(contactRow(page, 'bob')).toContainText(/\bonline\b/)
    const contacts = await bob.invoke('listContacts', {})
    const annPeerId = contacts.ok ? contacts.value.find((c) => c.name === 'ann')?.peerId : undefined
    if (annPeerId === undefined) throw new Error('Bob has no contact Ann')

    // 100,000 messages from Bob while Ann's app is open
    const burst = await bob.burst(annPeerId, 1, MESSAGES, 500)
    expect(burst.ok).toBe(true)
    await openScreen(page, 'Chats')
    const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: 'bob', exact: true })
    await expect(row).toContainText(burstText(MESSAGES), { timeout: 300_000 })

    // opening it shows the newest messages, and only a few rows are in the page
    await row.click()
    await newestShown(page)
    const first = await renderedNumbers(page)
    expect(first.length).toBeGreaterThan(0)
    expect(first.length).toBeLessThanOrEqual(MOST_ROWS_RENDERED)
    expect(Math.max(...first)).toBe(MESSAGES)

    // scrolling up loads older pages, in order; the page still renders only a few rows
    const scroller = page.getByTestId('virtuoso-scroller')
    let oldest = Math.min(...first)
    for (let i = 0; i < PAGES_UP; i++) {
      const before = oldest
      await scroller.evaluate((element) => {
        element.scrollTop = 0
      })
      await expect.poll(async () => Math.min(...(await renderedNumbers(page)))).toBeLessThan(before)
      const shown = await renderedNumbers(page)
      expect(shown.length).toBeLessThanOrEqual(MOST_ROWS_RENDERED)
      // consecutive numbers, oldest first: nothing missing or doubled in what is shown
      expect(shown).toEqual(shown.map((_, k) => (shown[0] ?? 0) + k))
      oldest = Math.min(...shown)
    }
    // well past the first page of 50 and the ones loaded with it
    expect(oldest).toBeLessThan(MESSAGES - 6 * 50)
  } finally {
    await bob.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
})
