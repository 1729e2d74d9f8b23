import { expect } from 'vitest'
import { MESSAGE_PAGE_MAX, type ApiEvent, type ChatMessage, type ParleyClient } from '../../src/api/index.js'
import { PASSWORD } from '../helpers/accounts.js'
import { value } from '../helpers/app.js'
import { waitForEvent } from '../helpers/events.js'

/** A core seen through its client, and its peer ID once an account is open. */
export interface Party {
  readonly client: ParleyClient
  readonly peerId: string
}

/** Creates an account and returns the party with the account's peer ID. */
export async function createAccount(client: ParleyClient, username: string): Promise<Party> {
  await value(client.invoke('createAccount', { username, password: PASSWORD, confirmPassword: PASSWORD }))
  return { client, peerId: (await value(client.invoke('getNetworkStatus', {}))).peerId }
}

/** Logs in to the only account of a restarted core (the account list comes from getSession). */
export async function logIn(client: ParleyClient): Promise<Party> {
  const session = await value(client.invoke('getSession', {}))
  const [account] = session.accounts
  if (account === undefined || session.accounts.length !== 1) throw new Error('expected exactly one account')
  await value(client.invoke('unlockAccount', { accountId: account.accountId, password: PASSWORD }))
  return { client, peerId: (await value(client.invoke('getNetworkStatus', {}))).peerId }
}

/** `a` invites, `b` accepts the invite, `a` accepts the request: contacts on both sides. */
export async function makeContacts(a: Party, b: Party): Promise<void> {
  const invite = await value(a.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))
  const requestAtA = waitForEvent(a.client, 'contactRequestsChanged', (p) =>
    p.requests.some((r) => r.peerId === b.peerId),
  )
  await value(b.client.invoke('acceptInvite', { link: invite.link, message: 'hello' }))
  const request = (await requestAtA).requests.find((r) => r.peerId === b.peerId)
  if (request === undefined) throw new Error('no request')
  const contactAtB = waitForEvent(b.client, 'contactsChanged', (p) => p.contacts.some((c) => c.peerId === a.peerId))
  const contactsAtA = await value(
    a.client.invoke('respondToRequest', { requestId: request.requestId, response: 'accept' }),
  )
  expect(contactsAtA.map((c) => c.peerId)).toContain(b.peerId)
  await contactAtB
}

/** The whole conversation, oldest first, read in pages of MESSAGE_PAGE_MAX from the newest back. */
export async function readConversation(client: ParleyClient, peerId: string): Promise<ChatMessage[]> {
  const pages: (readonly ChatMessage[])[] = []
  let before: string | undefined
  const contact = (await value(client.invoke('listContacts', {}))).find((c) => c.peerId === peerId)
  if (contact === undefined) throw new Error('not a contact')
  const { conversationId } = contact
  for (;;) {
    const page = await value(
      client.invoke('getMessages', {
        conversationId,
        limit: MESSAGE_PAGE_MAX,
        ...(before === undefined ? {} : { before }),
      }),
    )
    expect(page.messages.length).toBeLessThanOrEqual(MESSAGE_PAGE_MAX)
    pages.unshift(page.messages)
    const oldest = page.messages[0]
    if (!page.hasBefore || oldest === undefined) return pages.flat()
    before = oldest.order
  }
}

/**
 * A conversation holds exactly `texts` from one sender, each once, in the sent
 * order: by display order, and numbered 1, 2, 3 … by the sender.
 */
export function expectExactly(messages: readonly ChatMessage[], texts: readonly string[], fromMe: boolean): void {
  expect(messages.map((m) => m.text)).toEqual(texts)
  expect(messages.map((m) => m.seq)).toEqual(texts.map((_, i) => i + 1))
  expect(messages.every((m) => m.fromMe === fromMe)).toBe(true)
  expect(new Set(messages.map((m) => m.id)).size).toBe(texts.length)
  const orders = messages.map((m) => m.order)
  expect(orders).toEqual([...orders].sort())
  expect(new Set(orders).size).toBe(orders.length)
}

const RANK: Record<NonNullable<ChatMessage['state']>, number> = { sending: 0, failed: 1, delivered: 2, read: 3 }

/**
 * What one side has seen of a conversation, from messagesChanged events of one
 * or more clients in turn (a core and its restarts): their messages by text,
 * our own by ID with their latest state. `until` waits on these events.
 */
export class ConversationWatch {
  /** Their messages: text → how many different message IDs arrived with it. */
  readonly received = new Map<string, Set<string>>()
  /** Our own messages: ID → latest state. */
  readonly states = new Map<string, ChatMessage['state']>()
  private readonly checks = new Set<() => void>()

  constructor(private readonly peerId: string) {}

  /** Follows a client's events from now on. */
  follow(client: ParleyClient): this {
    client.subscribe((event) => {
      this.take(event)
    })
    return this
  }

  /** Adds what a page read from disk says (after a restart). */
  seed(messages: readonly ChatMessage[]): void {
    for (const m of messages) this.record(m)
  }

  get receivedCount(): number {
    return this.received.size
  }

  /** How many of these own messages are delivered (or read). */
  deliveredAmong(ids: Iterable<string>): number {
    let n = 0
    for (const id of ids) if (['delivered', 'read'].includes(this.states.get(id) ?? '')) n++
    return n
  }

  /** The others among these own messages, for a failure's message: how many in each state, and the first few. */
  describeOthers(ids: Iterable<string>): string {
    const others = [...ids].filter((id) => !['delivered', 'read'].includes(this.states.get(id) ?? ''))
    const byState = new Map<string, number>()
    for (const id of others) {
      const state = this.states.has(id) ? String(this.states.get(id)) : 'never seen'
      byState.set(state, (byState.get(state) ?? 0) + 1)
    }
    const counts = [...byState].map(([state, n]) => `${String(n)} ${state}`).join(', ')
    return `${counts}; first: ${others.slice(0, 3).join(', ')}`
  }

  /** Resolves once `check` holds, re-checked at every event; rejects after `timeoutMs`. */
  until(check: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = (): void => {
        if (!check()) return
        clearTimeout(timer)
        this.checks.delete(run)
        resolve()
      }
      const timer = setTimeout(() => {
        this.checks.delete(run)
        reject(new Error(`not within ${timeoutMs} ms: ${what()}`))
      }, timeoutMs)
      this.checks.add(run)
      run()
    })
  }

  private take(event: ApiEvent): void {
    if (event.name !== 'messagesChanged' || event.payload.peerId !== this.peerId) return
    for (const m of event.payload.messages) this.record(m)
    for (const check of [...this.checks]) check()
  }

  private record(m: ChatMessage): void {
    if (m.fromMe) {
      // events and pages may come in any order: a state never goes back (sending → delivered → read)
      const had = this.states.get(m.id)
      if (had === undefined || RANK[m.state ?? 'sending'] >= RANK[had ?? 'sending']) this.states.set(m.id, m.state)
    } else {
      const ids = this.received.get(m.text) ?? new Set()
      ids.add(m.id)
      this.received.set(m.text, ids)
    }
  }
}
