import { z } from 'zod'
import {
  accountIdSchema,
  lockSettingsSchema,
  passwordSchema,
  usernameSchema,
  type AccountSummary,
  type LockSettings,
  type PasswordStrength,
  type SessionState,
} from './accounts.js'
import {
  CONTACT_NAME_MAX,
  REQUEST_MESSAGE_MAX,
  inviteLinkSchema,
  peerIdArg,
  type Contact,
  type ContactRequest,
  type CreatedInvite,
  type InvitePreview,
  type NearbyPeer,
  type OwnFingerprint,
  type SafetyNumber,
} from './contacts.js'
import { messageCommandSchemas, type MessageCommandResults } from './messages.js'
import {
  ADDRESS_MAX,
  EXTRA_BOOTSTRAP_MAX,
  networkModeSchema,
  peerIdSchema,
  type AppInfo,
  type NetworkSettingsView,
  type NetworkStatus,
} from './model.js'
import {
  avatarSchema,
  profileFieldsSchema,
  profileVisibilitySchema,
  type Profile,
  type SignedProfileDocument,
} from './profile.js'
import { MAX_FRAME_BYTES } from './web-bridge.js'

/** Limits that every host enforces before a command reaches the core. */
export const MAX_MULTIADDR_LENGTH = 1024

const multiaddrString = z
  .string()
  .min(1, 'a multiaddr is required')
  .max(MAX_MULTIADDR_LENGTH, `a multiaddr is at most ${MAX_MULTIADDR_LENGTH} characters`)
  .startsWith('/', 'a multiaddr starts with "/", e.g. /ip4/192.168.1.5/tcp/4001/p2p/12D3Koo…')

const transferId = z.string().regex(/^[0-9a-f]{32}$/, 'not a transfer ID')
/** Decoded bytes per transfer chunk; base64 of it fits a web host frame with room to spare. */
export const TRANSFER_CHUNK_BYTES = 32 * 1024
/** The largest file accepted for upload (a backup). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024
const anyPassword = z.string().min(1, 'Password is required').max(1024)

const passwordsMatch = { error: 'The passwords do not match', path: ['confirmPassword'] }

/**
 * Commands: imperative names, one zod schema each for the arguments, and the
 * type of the value a successful call returns. Adding a command = one entry
 * here, one handler in the core (the compiler demands it), one line in the
 * Electron preload's allow-list (generated from this list).
 */
export const commandSchemas = {
  getAppInfo: z.object({}).strict(),
  getNetworkStatus: z.object({}).strict(),
  setNetworkMode: z.object({ mode: networkModeSchema }).strict(),
  dialPeer: z.object({ multiaddr: multiaddrString }).strict(),
  hangUpPeer: z.object({ peerId: peerIdSchema }).strict(),
  getNetworkSettings: z.object({}).strict(),
  setNetworkSettings: z
    .object({
      usePublicBootstrap: z.boolean().optional(),
      extraBootstrap: z.array(z.string().trim().min(1).max(ADDRESS_MAX)).max(EXTRA_BOOTSTRAP_MAX).optional(),
    })
    .strict(),

  getSession: z.object({}).strict(),
  createAccount: z
    .object({ username: usernameSchema, password: passwordSchema, confirmPassword: z.string().max(1024) })
    .strict()
    .refine((v) => v.password === v.confirmPassword, passwordsMatch)
    .refine((v) => v.password.toLowerCase() !== v.username.trim().toLowerCase(), {
      error: 'The password must differ from the username',
      path: ['password'],
    }),
  estimatePassword: z.object({ password: z.string().max(1024), username: z.string().max(64).optional() }).strict(),
  unlockAccount: z.object({ accountId: accountIdSchema, password: anyPassword }).strict(),
  lockAccount: z.object({}).strict(),
  getLockSettings: z.object({}).strict(),
  setLockSettings: lockSettingsSchema,
  /** Someone is using the app (a key press, a click): the idle time before an auto-lock starts again. */
  reportActivity: z.object({}).strict(),
  changePassword: z
    .object({ oldPassword: anyPassword, newPassword: passwordSchema, confirmPassword: z.string().max(1024) })
    .strict()
    .refine((v) => v.newPassword === v.confirmPassword, passwordsMatch),
  deleteAccount: z
    .object({ accountId: accountIdSchema, password: anyPassword, confirmUsername: z.string().max(64) })
    .strict(),

  getProfile: z.object({}).strict(),
  updateProfile: z.object({ fields: profileFieldsSchema, visibility: profileVisibilitySchema }).strict(),
  setAvatar: z.object({ avatar: avatarSchema.nullable() }).strict(),
  getProfileDocument: z.object({}).strict(),

  exportBackup: z.object({ password: anyPassword }).strict(),
  readTransfer: z
    .object({
      transferId,
      offset: z.number().int().nonnegative(),
      length: z.number().int().min(1).max(TRANSFER_CHUNK_BYTES),
    })
    .strict(),
  startUpload: z.object({ size: z.number().int().min(1).max(MAX_UPLOAD_BYTES) }).strict(),
  writeUpload: z
    .object({
      transferId,
      offset: z.number().int().nonnegative(),
      data: z.base64().max(Math.min(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4, MAX_FRAME_BYTES - 1024)),
    })
    .strict(),
  importBackup: z.object({ transferId, password: anyPassword }).strict(),
  cancelTransfer: z.object({ transferId }).strict(),

  createInvite: z
    .object({
      expiresInHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30),
      singleUse: z.boolean(),
    })
    .strict(),
  previewInvite: z.object({ link: inviteLinkSchema }).strict(),
  acceptInvite: z.object({ link: inviteLinkSchema, message: z.string().max(REQUEST_MESSAGE_MAX).optional() }).strict(),
  listContacts: z.object({}).strict(),
  listContactRequests: z.object({}).strict(),
  respondToRequest: z
    .object({ requestId: z.string().regex(/^[0-9a-f]{32}$/), response: z.enum(['accept', 'decline', 'block']) })
    .strict(),
  renameContact: z
    .object({
      peerId: peerIdArg,
      name: z.string().trim().max(CONTACT_NAME_MAX, `at most ${CONTACT_NAME_MAX} characters`),
    })
    .strict(),
  removeContact: z.object({ peerId: peerIdArg }).strict(),
  blockPeer: z.object({ peerId: peerIdArg }).strict(),
  unblockPeer: z.object({ peerId: peerIdArg }).strict(),
  getSafetyNumber: z.object({ peerId: peerIdArg }).strict(),
  verifyContact: z.object({ peerId: peerIdArg, scannedPayload: z.string().max(512).optional() }).strict(),
  unverifyContact: z.object({ peerId: peerIdArg }).strict(),
  setNearbyVisibility: z.object({ visible: z.boolean() }).strict(),
  getNearbyVisibility: z.object({}).strict(),
  listNearby: z.object({}).strict(),
  addNearby: z.object({ peerId: peerIdArg, message: z.string().max(REQUEST_MESSAGE_MAX).optional() }).strict(),
  getOwnFingerprint: z.object({}).strict(),

  ...messageCommandSchemas,
} as const

export type CommandName = keyof typeof commandSchemas
export type CommandArgs<C extends CommandName> = z.infer<(typeof commandSchemas)[C]>

export interface CommandResults extends MessageCommandResults {
  getAppInfo: AppInfo
  getNetworkStatus: NetworkStatus
  setNetworkMode: NetworkStatus
  dialPeer: { readonly peerId: string; readonly remoteAddress: string }
  hangUpPeer: null
  getNetworkSettings: NetworkSettingsView
  setNetworkSettings: NetworkSettingsView

  getSession: SessionState
  createAccount: SessionState
  estimatePassword: PasswordStrength
  unlockAccount: SessionState
  lockAccount: SessionState
  getLockSettings: LockSettings
  setLockSettings: LockSettings
  reportActivity: null
  changePassword: null
  deleteAccount: SessionState

  getProfile: Profile
  updateProfile: Profile
  setAvatar: Profile
  getProfileDocument: SignedProfileDocument

  exportBackup: { readonly transferId: string; readonly fileName: string; readonly size: number }
  readTransfer: { readonly data: string; readonly done: boolean }
  startUpload: { readonly transferId: string }
  writeUpload: { readonly received: number }
  importBackup: AccountSummary
  cancelTransfer: null

  createInvite: CreatedInvite
  previewInvite: InvitePreview
  acceptInvite: ContactRequest
  listContacts: readonly Contact[]
  listContactRequests: readonly ContactRequest[]
  respondToRequest: readonly Contact[]
  renameContact: Contact
  removeContact: null
  blockPeer: null
  unblockPeer: null
  getSafetyNumber: SafetyNumber
  verifyContact: SafetyNumber
  unverifyContact: SafetyNumber
  setNearbyVisibility: { readonly visible: boolean }
  getNearbyVisibility: { readonly visible: boolean }
  listNearby: readonly NearbyPeer[]
  addNearby: ContactRequest
  getOwnFingerprint: OwnFingerprint
}

export type CommandResult<C extends CommandName> = CommandResults[C]

export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[]

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commandSchemas, name)
}
