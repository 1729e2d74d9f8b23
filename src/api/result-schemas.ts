import { z } from 'zod'
import { accountSummarySchema, lockSettingsSchema, passwordStrengthSchema, sessionStateSchema } from './accounts.js'
import { isCommandName, TRANSFER_CHUNK_BYTES, type CommandName, type CommandResult } from './commands.js'
import {
  contactRequestSchema,
  contactSchema,
  createdInviteSchema,
  invitePreviewSchema,
  nearbyPeerSchema,
  ownFingerprintSchema,
  safetyNumberSchema,
} from './contacts.js'
import {
  chatMessageSchema,
  conversationSummarySchema,
  messagePageSchema,
  messagingSettingsSchema,
  SEARCH_RESULTS_MAX,
  searchHitSchema,
} from './messages.js'
import {
  ADDRESS_MAX,
  appInfoSchema,
  LABEL_MAX,
  LIST_MAX,
  networkSettingsViewSchema,
  networkStatusSchema,
  peerIdSchema,
} from './model.js'
import { profileSchema, signedProfileDocumentSchema } from './profile.js'
import { fail, ok, type Result } from './result.js'

const transferIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a transfer ID')
const listOf = <T extends z.ZodType>(item: T) => z.array(item).max(LIST_MAX).readonly()

/**
 * What a successful call returns, one schema per command: a client checks
 * each value with it (src/api/schema-checks.ts keeps each schema's type equal
 * to `CommandResults`). Unknown keys are dropped; anything malformed or beyond
 * the bounds makes the whole value malformed.
 */
export const commandResultSchemas = {
  getAppInfo: appInfoSchema,
  getNetworkStatus: networkStatusSchema,
  setNetworkMode: networkStatusSchema,
  dialPeer: z.object({ peerId: peerIdSchema, remoteAddress: z.string().max(ADDRESS_MAX) }),
  hangUpPeer: z.null(),
  getNetworkSettings: networkSettingsViewSchema,
  setNetworkSettings: networkSettingsViewSchema,

  getSession: sessionStateSchema,
  createAccount: sessionStateSchema,
  estimatePassword: passwordStrengthSchema,
  unlockAccount: sessionStateSchema,
  lockAccount: sessionStateSchema,
  getLockSettings: lockSettingsSchema,
  setLockSettings: lockSettingsSchema,
  reportActivity: z.null(),
  changePassword: z.null(),
  deleteAccount: sessionStateSchema,

  getProfile: profileSchema,
  updateProfile: profileSchema,
  setAvatar: profileSchema,
  getProfileDocument: signedProfileDocumentSchema,

  exportBackup: z.object({
    transferId: transferIdSchema,
    fileName: z.string().max(LABEL_MAX),
    size: z.number().int().nonnegative(),
  }),
  readTransfer: z.object({ data: z.string().max(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4), done: z.boolean() }),
  startUpload: z.object({ transferId: transferIdSchema }),
  writeUpload: z.object({ received: z.number().int().nonnegative() }),
  importBackup: accountSummarySchema,
  cancelTransfer: z.null(),

  createInvite: createdInviteSchema,
  previewInvite: invitePreviewSchema,
  acceptInvite: contactRequestSchema,
  listContacts: listOf(contactSchema),
  listContactRequests: listOf(contactRequestSchema),
  respondToRequest: listOf(contactSchema),
  renameContact: contactSchema,
  removeContact: z.null(),
  blockPeer: z.null(),
  unblockPeer: z.null(),
  getSafetyNumber: safetyNumberSchema,
  verifyContact: safetyNumberSchema,
  unverifyContact: safetyNumberSchema,
  setNearbyVisibility: z.object({ visible: z.boolean() }),
  getNearbyVisibility: z.object({ visible: z.boolean() }),
  listNearby: listOf(nearbyPeerSchema),
  addNearby: contactRequestSchema,
  getOwnFingerprint: ownFingerprintSchema,

  listConversations: listOf(conversationSummarySchema),
  getMessages: messagePageSchema,
  getMessageContext: messagePageSchema,
  sendMessage: chatMessageSchema,
  editMessage: chatMessageSchema,
  deleteMessage: z.null(),
  reactToMessage: chatMessageSchema,
  markConversationRead: conversationSummarySchema,
  setTyping: z.null(),
  setDraft: z.null(),
  setConversationMuted: conversationSummarySchema,
  getMessagingSettings: messagingSettingsSchema,
  setMessagingSettings: messagingSettingsSchema,
  searchMessages: z.array(searchHitSchema).max(SEARCH_RESULTS_MAX).readonly(),
} as const satisfies Record<CommandName, z.ZodType>

/**
 * A call's Result as a client should take it: failures pass through; a value
 * that does not match its command's schema becomes an INTERNAL failure (the
 * caller sees an error, never a half-valid value).
 */
export function checkCommandResult<C extends CommandName>(command: C, result: Result<unknown>): Result<CommandResult<C>>
export function checkCommandResult(command: string, result: Result<unknown>): Result<unknown>
export function checkCommandResult(command: string, result: Result<unknown>): Result<unknown> {
  if (!result.ok || !isCommandName(command)) return result
  const parsed = commandResultSchemas[command].safeParse(result.value)
  if (parsed.success) return ok(parsed.data)
  const issue = parsed.error.issues[0]
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.map(String).join('.')}`
  return fail('INTERNAL', `${command}: the core's answer is malformed${where}`)
}
