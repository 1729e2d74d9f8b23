import type { ParseKeys } from 'i18next'
import { i18n } from '../i18n/i18n.js'

type CoreKey = ParseKeys extends infer K ? Extract<K, `errors.core.${string}`> : never

/**
 * The core's (and the contract's) English sentences that the UI knows,
 * each with the catalogue's key; `true` after it: the first capture group
 * becomes `{{value}}`.
 * Codes are for programs, so where one code covers many cases (an invite
 * that is expired or already used) the sentence is all that tells them
 * apart. A sentence not listed here is shown as the core wrote it.
 */
const KNOWN: readonly (readonly [RegExp, CoreKey, boolean?])[] = [
  [/^Username is required$/, 'errors.core.usernameRequired'],
  [/^Username: letters, digits/, 'errors.core.usernameCharacters'],
  [/^Password must be at least (\d+) characters$/, 'errors.core.passwordTooShort', true],
  [/^.+ is at most (\d+) characters$/, 'errors.core.tooLong', true],
  [/^.+ contains control characters$/, 'errors.core.controlCharacters'],
  [/^The passwords do not match$/, 'errors.core.passwordsDiffer'],
  [/^The password must (be different from|differ from) the username$/, 'errors.core.passwordIsUsername'],
  [/^Display name is required$/, 'errors.core.displayNameRequired'],
  [/^Birthday must be a real date/, 'errors.core.birthday'],
  [/^Email must look like/, 'errors.core.email'],
  [/^Web page must be an http/, 'errors.core.web'],
  [/^the picture is larger than (\d+) KiB$/, 'errors.core.pictureTooLarge', true],
  [/^Paste an invite link$/, 'errors.core.pasteInvite'],
  [/^This is too long to be a Parley invite$/, 'errors.core.inviteTooLong'],
  [/^an invite link starts with (\S+)$/, 'errors.core.inviteScheme', true],
  [/^the invite link is (damaged|incomplete)/, 'errors.core.inviteDamaged'],
  [/^this invite was already used/, 'errors.core.inviteUsed'],
  [/^this invite has expired/, 'errors.core.inviteExpired'],
  [/^this is your own invite$/, 'errors.core.inviteOwn'],
  [/^the invite is not signed by the key it names/, 'errors.core.inviteForged'],
  [/^this invite is from a newer version of Parley/, 'errors.core.inviteNewer'],
  [/^this person is already in your contacts$/, 'errors.core.alreadyContact'],
  [/^A message cannot be empty$/, 'errors.core.messageEmpty'],
  [/^Type something to search for$/, 'errors.core.searchEmpty'],
  [/^messages go only to contacts/, 'errors.core.notContact'],
  [/^no such message$/, 'errors.core.noSuchMessage'],
  [/^their profile has not arrived yet$/, 'errors.core.profileNotArrived'],
  [/^this peer is no longer nearby$/, 'errors.core.noLongerNearby'],
  [/^type the username exactly to confirm$/, 'errors.core.confirmUsername'],
  [/^an account named "(.+)" already exists on this device$/, 'errors.core.accountExists', true],
  [/^the account "(.+)" is already on this device$/, 'errors.core.accountOnDevice', true],
  [/^this account is open in another Parley process$/, 'errors.core.accountOpenElsewhere'],
  [/^not a valid multiaddr/, 'errors.core.multiaddr'],
  [/^not a valid address: (\S+)/, 'errors.core.badAddress', true],
  [/^the address must end with \/p2p\/<peer ID>: (\S+)$/, 'errors.core.addressNeedsPeer', true],
  [/^too many transfers at once/, 'errors.core.tooManyTransfers'],
  [/^LAN-only mode dials only private/, 'errors.core.lanOnlyDial'],
  [/^not a Parley peer ID$/, 'errors.core.notPeerId'],
  [/^no account is unlocked/, 'errors.core.locked'],
  [/^no such account( on this device)?$/, 'errors.core.noSuchAccount'],
  [/^no such contact$/, 'errors.core.noSuchContact'],
  [/^no such conversation$/, 'errors.core.noSuchConversation'],
  [/^no such request$/, 'errors.core.noSuchRequest'],
  [/^no such transfer/, 'errors.core.noSuchTransfer'],
  [/^the message to reply to is not here$/, 'errors.core.noReplyTarget'],
  [/^the network is offline/, 'errors.core.offline'],
  [/^the messenger is not started$/, 'errors.core.notStarted'],
  [/^a deleted message cannot get reactions$/, 'errors.core.reactDeleted'],
  [/^only your own messages can be deleted for everyone$/, 'errors.core.deleteNotOwn'],
  [/^only your own messages can be edited$/, 'errors.core.editNotOwn'],
  [/^wrong password$/, 'errors.core.wrongPassword'],
  [/^A reaction is a single emoji$/, 'errors.core.reactionOneEmoji'],
  [/^at most a day \(1440 minutes\)$/, 'errors.core.autoLockMax'],
  [/^a mute is at most a year/, 'errors.core.muteMax'],
  [/^This password is too easy to guess/, 'errors.core.weakPassword'],
]

/** The sentence in the language on screen, if the UI knows it; undefined otherwise. */
export function knownCoreText(message: string): string | undefined {
  const text = message.trim()
  for (const [pattern, key, captures] of KNOWN) {
    const match = pattern.exec(text)
    if (match !== null) {
      return captures === true ? i18n.t(key, { value: match[1] ?? '' }) : i18n.t(key)
    }
  }
  return undefined
}

/** A message the core wrote, in the language on screen where the UI knows it, else as written. */
export function coreText(message: string): string {
  return knownCoreText(message) ?? message
}
