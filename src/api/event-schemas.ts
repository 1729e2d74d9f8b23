import { z } from 'zod'
import { sessionStateSchema } from './accounts.js'
import { contactRequestSchema, contactSchema, nearbyPeerSchema } from './contacts.js'
import type { ApiEvent, EventName } from './events.js'
import {
  chatMessageSchema,
  conversationSummarySchema,
  MESSAGE_BATCH_MAX,
  messageIdSchema,
  NOTIFICATION_PREVIEW_MAX,
} from './messages.js'
import {
  ADDRESS_MAX,
  ADDRESSES_MAX,
  conversationIdSchema,
  LIST_MAX,
  networkModeSchema,
  networkStatusSchema,
  peerIdSchema,
  peerSummarySchema,
  reachabilitySchema,
} from './model.js'
import { profileSchema } from './profile.js'

/**
 * Each event's payload, as a schema: a client checks every event with it and
 * drops one that fails (src/api/schema-checks.ts keeps each schema's type
 * equal to `EventPayloads`).
 */
export const eventPayloadSchemas = {
  peerDiscovered: peerSummarySchema,
  peerConnected: peerSummarySchema,
  peerDisconnected: z.object({ peerId: peerIdSchema }),
  peerRouteChanged: peerSummarySchema,
  reachabilityChanged: z.object({
    reachability: reachabilitySchema,
    relays: z.array(peerIdSchema).max(LIST_MAX).readonly(),
  }),
  listenAddressesChanged: z.object({
    listenAddresses: z.array(z.string().max(ADDRESS_MAX)).max(ADDRESSES_MAX).readonly(),
  }),
  networkModeChanged: z.object({ mode: networkModeSchema, status: networkStatusSchema }),
  sessionChanged: sessionStateSchema,
  profileUpdated: profileSchema,
  contactsChanged: z.object({ contacts: z.array(contactSchema).max(LIST_MAX).readonly() }),
  contactRequestsChanged: z.object({ requests: z.array(contactRequestSchema).max(LIST_MAX).readonly() }),
  nearbyChanged: z.object({ nearby: z.array(nearbyPeerSchema).max(LIST_MAX).readonly() }),

  messagesChanged: z.object({
    conversationId: conversationIdSchema,
    peerId: peerIdSchema,
    messages: z.array(chatMessageSchema).max(MESSAGE_BATCH_MAX).readonly(),
  }),
  messagesRemoved: z.object({
    conversationId: conversationIdSchema,
    peerId: peerIdSchema,
    messageIds: z.array(messageIdSchema).max(MESSAGE_BATCH_MAX).readonly(),
  }),
  conversationChanged: conversationSummarySchema,
  typingChanged: z.object({ conversationId: conversationIdSchema, peerId: peerIdSchema, typing: z.boolean() }),
  messageNotified: z.object({
    conversationId: conversationIdSchema,
    peerId: peerIdSchema,
    messageId: messageIdSchema,
    preview: z.string().max(NOTIFICATION_PREVIEW_MAX),
  }),
} as const satisfies Record<EventName, z.ZodType>

function eventSchema<E extends EventName>(
  name: E,
): z.ZodObject<{ name: z.ZodLiteral<E>; payload: (typeof eventPayloadSchemas)[E] }> {
  return z.object({ name: z.literal(name), payload: eventPayloadSchemas[name] })
}

/** One event, name and payload: any name outside `EVENT_NAMES`, or a payload that fails its schema, fails. */
export const apiEventSchema = z.discriminatedUnion('name', [
  eventSchema('peerDiscovered'),
  eventSchema('peerConnected'),
  eventSchema('peerDisconnected'),
  eventSchema('peerRouteChanged'),
  eventSchema('reachabilityChanged'),
  eventSchema('listenAddressesChanged'),
  eventSchema('networkModeChanged'),
  eventSchema('sessionChanged'),
  eventSchema('profileUpdated'),
  eventSchema('contactsChanged'),
  eventSchema('contactRequestsChanged'),
  eventSchema('nearbyChanged'),
  eventSchema('messagesChanged'),
  eventSchema('messagesRemoved'),
  eventSchema('conversationChanged'),
  eventSchema('typingChanged'),
  eventSchema('messageNotified'),
])

/** The event, checked; undefined for anything malformed (nothing here throws). */
export function parseApiEvent(value: unknown): ApiEvent | undefined {
  const parsed = apiEventSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}
