import type { Browser, Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { becomeContacts, contactRow, openScreen, signUp } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'
const OLD_MESSAGE = 'Hello Bob, the secret word is pineapple'
/** More than one page (50) after the old message, so it is not loaded until jumped to. */
const FILLERS = 60

function messageList(page: Page): Locator {
  return page.getByRole('list', { name: /^Messages with / })
}

function bubble(page: Page, text: string | RegExp): Locator {
  return messageList(page).getByRole('listitem').filter({ hasText: text })
}

function composer(page: Page): Locator {
  return page.getByRole('textbox', { name: /^Message / })
}

function conversationRow(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name, exact: true })
}

/** Type a message and press Enter; wait until it is in the list. */
async function send(page: Page, text: string): Promise<Locator> {
  await composer(page).fill(text)
  await composer(page).press('Enter')
  const sent = bubble(page, text)
  await expect(sent).toBeVisible()
  return sent
}

/** Open the actions menu of the message with this text. */
async function openActions(page: Page, text: string | RegExp): Promise<Locator> {
  await bubble(page, text).getByRole('button', { name: 'Message actions', exact: true }).click()
  const menu = page.getByRole('menu', { name: 'Message actions' })
  await expect(menu).toBeVisible()
  return menu
}

/**
 * A page whose browser Notification API records what is shown (granted, no
 * real desktop notification): `window.shownNotifications`, each with `click()`.
 */
async function pageWithNotifications(browser: Browser): Promise<Page> {
  const context = await browser.newContext()
  await context.addInitScript(() => {
    const shown: { title: string; body: string; click: () => void }[] = []
    class RecordedNotification {
      static readonly permission = 'granted'
      static requestPermission(): Promise<string> {
        return Promise.resolve('granted')
      }
      private readonly listeners: (() => void)[] = []
      constructor(title: string, options?: { body?: string }) {
        shown.push({
          title,
          body: options?.body ?? '',
          click: () => {
            for (const listener of this.listeners) listener()
          },
        })
      }
      addEventListener(_type: string, listener: () => void): void {
        this.listeners.push(listener)
      }
      close(): void {
        // nothing on screen to close
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true })
    Object.defineProperty(window, 'shownNotifications', { value: shown })
  })
  return context.newPage()
}

function shownNotifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() =>
    (Reflect.get(window, 'shownNotifications') as { title: string; body: string }[]).map(({ title, body }) => ({
      title,
      body,
    })),
  )
}

test('two people chat: ticks, read, reply, react, typing, edit, delete, links, drafts, search', async ({
  browser,
  peers,
}) => {
  test.setTimeout(300_000)
  const [alice, bob] = await peers(2)
  if (alice === undefined || bob === undefined) throw new Error('two peers expected')
  const pageA = await (await browser.newContext()).newPage()
  const pageB = await pageWithNotifications(browser)
  await pageA.goto(alice.url)
  await signUp(pageA, 'alice', PASSWORD)
  await pageB.goto(bob.url)
  await signUp(pageB, 'bob', PASSWORD)
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })

  // A starts a chat with B from "New chat"
  await openScreen(pageA, 'Chats')
  await pageA.getByRole('button', { name: 'New chat', exact: true }).click()
  await pageA.getByRole('list', { name: 'Contacts to chat with' }).getByRole('button', { name: /^bob/ }).click()
  await expect(pageA.getByRole('heading', { level: 2, name: 'bob', exact: true })).toBeVisible()

  // Enter sends; B's device acknowledges: one tick
  const old = await send(pageA, OLD_MESSAGE)
  await expect(composer(pageA)).toHaveValue('')
  await expect(old.getByRole('img', { name: 'Delivered', exact: true })).toBeVisible()

  // Shift+Enter starts a new line; whitespace alone is not sent
  await composer(pageA).pressSequentially('line one')
  await composer(pageA).press('Shift+Enter')
  await composer(pageA).pressSequentially('line two')
  await expect(composer(pageA)).toHaveValue('line one\nline two')
  await composer(pageA).press('Enter')
  const twoLines = bubble(pageA, 'line one')
  await expect(twoLines.locator('.bubble__text')).toHaveJSProperty('textContent', 'line one\nline two')
  await composer(pageA).fill('   \n  ')
  await composer(pageA).press('Enter')
  await expect(composer(pageA)).toHaveValue('   \n  ')
  await expect(messageList(pageA).getByRole('listitem')).toHaveCount(2)
  await composer(pageA).fill('')

  // B is on another screen: the sidebar counts the unread messages, and a desktop notification shows
  await expect(
    pageB.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chats, 2 unread messages' }),
  ).toBeVisible()
  await expect.poll(() => shownNotifications(pageB)).toContainEqual({ title: 'alice', body: OLD_MESSAGE })
  await expect(old.getByRole('img', { name: 'Delivered', exact: true })).toBeVisible()

  // clicking the notification opens the chat; reading it turns A's ticks to read
  await pageB.evaluate(() => {
    ;(Reflect.get(window, 'shownNotifications') as { click: () => void }[])[0]?.click()
  })
  await expect(bubble(pageB, OLD_MESSAGE)).toBeVisible()
  await expect(old.getByRole('img', { name: 'Read', exact: true })).toBeVisible()
  await expect(twoLines.getByRole('img', { name: 'Read', exact: true })).toBeVisible()
  await expect(conversationRow(pageB, 'alice')).not.toContainText('unread')

  // B replies to the old message, quoting it
  await (await openActions(pageB, OLD_MESSAGE)).getByRole('menuitem', { name: 'Reply', exact: true }).click()
  await expect(pageB.getByRole('group', { name: 'Replying to a message' })).toContainText('pineapple')
  await send(pageB, 'Pineapple it is!')
  await expect(pageB.getByRole('group', { name: 'Replying to a message' })).toHaveCount(0)
  const replyOnA = bubble(pageA, 'Pineapple it is!')
  const quote = replyOnA.getByRole('button', { name: /^Quoted message from You/ })
  await expect(quote).toContainText('secret word')
  await quote.click()
  await expect(old.locator('[data-highlighted="true"]')).toBeVisible()

  // A reacts; B sees it; the same reaction again takes it back
  await (await openActions(pageA, 'Pineapple it is!')).getByRole('menuitemcheckbox', { name: 'React with 👍' }).click()
  const reactionOnB = bubble(pageB, 'Pineapple it is!').getByRole('img', { name: 'alice reacted with 👍' })
  await expect(reactionOnB).toBeVisible()
  const again = (await openActions(pageA, 'Pineapple it is!')).getByRole('menuitemcheckbox', { name: 'React with 👍' })
  await expect(again).toHaveAttribute('aria-checked', 'true')
  await again.click()
  await expect(reactionOnB).toHaveCount(0)

  // typing shows on the other side, and stops when the message is sent
  await composer(pageB).pressSequentially('Typing this slowly')
  const typingOnA = pageA.getByText('bob is typing…', { exact: true })
  await expect(typingOnA).toBeVisible()
  await composer(pageB).press('Enter')
  await expect(bubble(pageA, 'Typing this slowly')).toBeVisible()
  await expect(typingOnA).toBeHidden()

  // B edits one message and deletes another for everyone: A sees "edited" and the tombstone
  await (await openActions(pageB, 'Typing this slowly')).getByRole('menuitem', { name: 'Edit', exact: true }).click()
  await expect(composer(pageB)).toHaveValue('Typing this slowly')
  await composer(pageB).fill('Typed, then edited')
  await composer(pageB).press('Enter')
  const editedOnA = bubble(pageA, 'Typed, then edited')
  await expect(editedOnA.getByText('edited', { exact: true })).toBeVisible()
  const deleteMenu = await openActions(pageB, 'Pineapple it is!')
  await deleteMenu.getByRole('menuitem', { name: 'Delete for everyone', exact: true }).click()
  await deleteMenu.getByRole('menuitem', { name: 'Yes, delete for everyone', exact: true }).click()
  await expect(bubble(pageA, 'This message was deleted')).toBeVisible()
  await expect(bubble(pageA, 'Pineapple it is!')).toHaveCount(0)

  // a link asks first, shows the full address, and opens with no way back to Parley
  await send(pageB, 'Agenda: https://example.org/agenda?day=2. See you')
  await pageA.evaluate(() => {
    const opened: unknown[] = []
    Object.defineProperty(window, 'openedLinks', { value: opened })
    window.open = (...args: unknown[]) => {
      opened.push(args)
      return null
    }
  })
  await bubble(pageA, 'Agenda:').getByRole('button', { name: 'https://example.org/agenda?day=2', exact: true }).click()
  const dialog = pageA.getByRole('dialog', { name: 'Open this link?' })
  await expect(dialog).toContainText('https://example.org/agenda?day=2')
  await dialog.getByRole('button', { name: 'Open link', exact: true }).click()
  await expect(dialog).toBeHidden()
  expect(await pageA.evaluate(() => Reflect.get(window, 'openedLinks') as unknown)).toEqual([
    ['https://example.org/agenda?day=2', '_blank', 'noopener,noreferrer'],
  ])

  // "delete for me" removes it here only
  const mine = await openActions(pageA, 'line one')
  await mine.getByRole('menuitem', { name: 'Delete for me', exact: true }).click()
  await mine.getByRole('menuitem', { name: 'Yes, delete for me', exact: true }).click()
  await expect(bubble(pageA, 'line one')).toHaveCount(0)
  await expect(bubble(pageB, 'line one')).toBeVisible()

  // a message over the limit is refused with a clear error, and kept for fixing
  const tooLong = 'x'.repeat(8001)
  await composer(pageA).fill(tooLong)
  await composer(pageA).press('Enter')
  await expect(pageA.getByRole('alert')).toContainText('A message is at most 8000 characters')
  await expect(composer(pageA)).toHaveValue(tooLong)

  // the draft stays with the chat when A leaves it; "Message" on the contact's page comes back to it
  await composer(pageA).fill('an unsent thought')
  await openScreen(pageA, 'Contacts')
  await contactRow(pageA, 'bob').getByRole('button').first().click()
  await pageA.getByRole('button', { name: 'Message', exact: true }).click()
  await expect(composer(pageA)).toHaveValue('an unsent thought')
  await expect(conversationRow(pageA, 'bob')).toContainText('Draft: an unsent thought')
  await composer(pageA).fill('')

  // muting shows in the header and the list
  await pageA.getByRole('button', { name: 'Mute notifications' }).click()
  await pageA.getByRole('menuitem', { name: 'Until I turn it back on' }).click()
  await expect(pageA.getByRole('button', { name: 'Mute notifications' })).toHaveAttribute('aria-pressed', 'true')
  await expect(conversationRow(pageA, 'bob').getByRole('img', { name: 'Muted' })).toBeVisible()

  // more than a page of newer messages: the old one is no longer loaded
  for (let i = 1; i <= FILLERS; i++) {
    await composer(pageA).fill(`filler ${i}`)
    await composer(pageA).press('Enter')
    await expect(composer(pageA)).toHaveValue('')
  }
  await expect(bubble(pageA, `filler ${FILLERS}`)).toBeVisible()
  await expect(bubble(pageA, OLD_MESSAGE)).toHaveCount(0)

  // search finds it from the list; the result opens the chat at it (loaded around it) and highlights it
  await openScreen(pageA, 'Contacts')
  await openScreen(pageA, 'Chats')
  await pageA.getByRole('searchbox', { name: 'Search messages' }).fill('pineapple')
  const result = pageA.getByRole('list', { name: 'Search results' }).getByRole('button').filter({ hasText: 'secret' })
  await expect(result).toContainText('You to bob')
  await result.click()
  const found = bubble(pageA, OLD_MESSAGE)
  await expect(found).toBeVisible()
  await expect(found.locator('[data-highlighted="true"]')).toBeVisible()
  await pageA.getByRole('button', { name: /^Jump to latest messages/ }).click()
  await expect(bubble(pageA, `filler ${FILLERS}`)).toBeVisible()
})
