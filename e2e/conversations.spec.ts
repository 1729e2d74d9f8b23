import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.js'
import { aliceAndBob, becomeContacts, contactRow, openScreen } from './ui-helpers.js'

const PASSWORD = 'correct horse battery'

/** A conversation's row in the list, found by its ID (not by a name, which can change). */
function rowOf(page: Page, conversationId: string): Locator {
  return page.locator(`.conversation-list [data-conversation-id="${conversationId}"]`)
}

/** The open chat, found by its conversation's ID. */
function chatOf(page: Page, conversationId: string): Locator {
  return page.locator(`section.chat[data-conversation-id="${conversationId}"]`)
}

async function sendIn(chat: Locator, text: string): Promise<void> {
  const box = chat.getByRole('textbox', { name: /^Message / })
  await box.fill(text)
  await box.press('Enter')
  await expect(
    chat
      .getByRole('list', { name: /^Messages with / })
      .getByRole('listitem')
      .filter({ hasText: text }),
  ).toBeVisible()
}

test('a chat is driven by its conversation ID: the same on both sides, and kept when the contact goes', async ({
  browser,
  peers,
}) => {
  test.setTimeout(180_000)
  const { pageA, pageB } = await aliceAndBob(browser, peers, PASSWORD)
  await becomeContacts({ page: pageA, name: 'alice' }, { page: pageB, name: 'bob' })

  // A opens the chat with B: the chat names its conversation
  await openScreen(pageA, 'Chats')
  await pageA.getByRole('button', { name: 'New chat', exact: true }).click()
  await pageA.getByRole('list', { name: 'Contacts to chat with' }).getByRole('button', { name: /^bob/ }).click()
  const chatA = pageA.locator('section.chat[data-conversation-id]')
  await expect(chatA).toBeVisible()
  const conversationId = (await chatA.getAttribute('data-conversation-id')) ?? ''
  expect(conversationId).toMatch(/^[0-9a-f]{32}$/)
  await sendIn(chatOf(pageA, conversationId), 'Hello by conversation ID')

  // B finds the same conversation under the same ID, opens it by that ID and answers
  await openScreen(pageB, 'Chats')
  await expect(rowOf(pageB, conversationId)).toContainText('Hello by conversation ID')
  await rowOf(pageB, conversationId).getByRole('button').click()
  const chatB = chatOf(pageB, conversationId)
  await expect(chatB.getByText('Hello by conversation ID')).toBeVisible()
  await sendIn(chatB, 'Answered in the same conversation')
  await expect(rowOf(pageA, conversationId)).toContainText('Answered in the same conversation')
  await expect(rowOf(pageA, conversationId)).toHaveAttribute('aria-label', 'bob')

  // B removes A from the contacts: the conversation stays, under its ID, with its history readable
  await openScreen(pageB, 'Contacts')
  await contactRow(pageB, 'alice').getByRole('button').first().click()
  await pageB.getByRole('button', { name: 'Remove contact', exact: true }).click()
  await pageB.getByRole('button', { name: 'Yes, remove alice', exact: true }).click()
  await openScreen(pageB, 'Contacts')
  await expect(pageB.getByText('No contacts yet.', { exact: false })).toBeVisible()
  await expect(contactRow(pageB, 'alice')).toHaveCount(0)
  await openScreen(pageB, 'Chats')
  await rowOf(pageB, conversationId).getByRole('button').click()
  await expect(chatOf(pageB, conversationId).getByText('Hello by conversation ID')).toBeVisible()
  await expect(chatOf(pageB, conversationId).getByText('Answered in the same conversation')).toBeVisible()
})
