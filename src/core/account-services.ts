import type { Libp2p } from 'libp2p'
import type { ApiEvent } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import { signProfile } from '../accounts/profile-document.js'
import { loadProfile } from '../accounts/profile-store.js'
import { createContactsService, type ContactsService } from '../contacts/contacts-service.js'
import { createOutbox, type Outbox } from '../delivery/outbox.js'
import { createMessagesService, type InboundLimits } from '../messages/messages-service.js'
import type { MessagesService } from '../messages/service-types.js'
import { createSessions, type Sessions } from '../sessions/sessions.js'
import type { Clock } from './clock.js'
import type { EventHub } from './events.js'
import type { Logger } from './logger.js'
import type { ParleyService, ServiceOf } from './services.js'

/** What the services of one unlocked account may ask for, and provide to each other. */
export interface AccountComponents {
  readonly account: UnlockedAccount
  readonly events: EventHub
  readonly clock: Clock
  readonly logger: Logger
  readonly outbox: Outbox
  readonly contacts: ContactsService
  readonly sessions: Sessions
  readonly messages: MessagesService
}

/**
 * A service that lives while an account is unlocked: started on unlock,
 * stopped on lock. The node may come and go meanwhile (mode switches).
 */
export interface AccountService<Needs extends object = object, Provides extends object = object>
  extends ParleyService<Needs, Provides>, AccountHooks {}

/** What an account service may do besides `start`/`stop`. */
export interface AccountHooks {
  /** Binds to each node that starts while it runs (protocol handlers), or unbinds (undefined) before the node stops. */
  attach?(node: Libp2p | undefined): Promise<void>
  /** Contract events: peers connecting and leaving, contacts changing. */
  onEvent?(event: ApiEvent): void
}

type Needs<K extends keyof AccountComponents> = Pick<AccountComponents, K>

/** Any account service, as the composer holds it. */
export type AnyAccountService = ServiceOf<AccountComponents, AccountHooks>

/** The account's one persistent outbox (contact and direct messages). */
export function outboxService(): AccountService<Needs<'account' | 'clock' | 'logger'>, Needs<'outbox'>> {
  let outbox: Outbox | undefined
  return {
    name: 'outbox',
    needs: ['account', 'clock', 'logger'],
    provides: ['outbox'],
    start: ({ account, clock, logger }) => {
      outbox = createOutbox({ store: account.store, clock, logger: logger.child('delivery') })
      return Promise.resolve({ outbox })
    },
    stop: async () => {
      await outbox?.stop()
      outbox = undefined
    },
  }
}

/** Contacts: invites, requests, profiles, nearby (src/contacts, unchanged behind this adapter). */
export function contactsService(): AccountService<
  Needs<'account' | 'outbox' | 'events' | 'clock' | 'logger'>,
  Needs<'contacts'>
> {
  let contacts: ContactsService | undefined
  return {
    name: 'contacts',
    needs: ['account', 'outbox', 'events', 'clock', 'logger'],
    provides: ['contacts'],
    start: async ({ account, outbox, events, clock, logger }) => {
      contacts = await createContactsService({
        account,
        outbox,
        events,
        clock,
        logger: logger.child('contacts'),
        profileDocument: async () =>
          signProfile(await loadProfile(account.store, account.summary.username), account.identity),
        displayName: async () => (await loadProfile(account.store, account.summary.username)).fields.displayName,
      })
      return { contacts }
    },
    stop: async () => {
      await contacts?.stop()
      contacts = undefined
    },
    attach: async (node) => {
      await contacts?.attach(node)
    },
    onEvent: (event) => {
      contacts?.onNetworkEvent(event)
    },
  }
}

/** Pairwise sessions (seal/open), keyed by what contacts know of each peer. */
export function sessionsService(): AccountService<
  Needs<'account' | 'contacts' | 'clock' | 'logger'>,
  Needs<'sessions'>
> {
  return {
    name: 'sessions',
    needs: ['account', 'contacts', 'clock', 'logger'],
    provides: ['sessions'],
    start: ({ account, contacts, clock, logger }) =>
      Promise.resolve({
        sessions: createSessions({
          store: account.store,
          identity: account.identity,
          clock,
          logger: logger.child('delivery'),
          keysOf: contacts.sessionKeys.bind(contacts),
        }),
      }),
    // sessions hold no timers or streams: their state is in the store
    stop: () => Promise.resolve(),
  }
}

/** Direct messages (src/messages, unchanged behind this adapter). */
export function messagesService(
  init: { readonly limits?: Partial<InboundLimits> } = {},
): AccountService<
  Needs<'account' | 'contacts' | 'outbox' | 'sessions' | 'events' | 'clock' | 'logger'>,
  Needs<'messages'>
> {
  let messages: MessagesService | undefined
  return {
    name: 'messages',
    needs: ['account', 'contacts', 'outbox', 'sessions', 'events', 'clock', 'logger'],
    provides: ['messages'],
    start: async ({ account, contacts, outbox, sessions, events, clock, logger }) => {
      messages = await createMessagesService({
        account,
        contacts,
        outbox,
        sessions,
        events,
        clock,
        logger: logger.child('messages'),
        ...(init.limits === undefined ? {} : { limits: init.limits }),
      })
      return { messages }
    },
    stop: async () => {
      await messages?.stop()
      messages = undefined
    },
    attach: async (node) => {
      await messages?.attach(node)
    },
    onEvent: (event) => {
      messages?.onNetworkEvent(event)
    },
  }
}

/** Every service of an unlocked account; the composer orders them by what they need. */
export function accountServices(init: { readonly messageLimits?: Partial<InboundLimits> } = {}): AnyAccountService[] {
  return [
    outboxService(),
    contactsService(),
    sessionsService(),
    messagesService(init.messageLimits === undefined ? {} : { limits: init.messageLimits }),
  ]
}
