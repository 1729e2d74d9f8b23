import { randomBytes } from '@noble/hashes/utils.js'
import type { Libp2p } from 'libp2p'
import { ApiFailure, type ContactRequest, type CreatedInvite, type InvitePreview } from '../api/index.js'
import type { Identity } from '../accounts/identity.js'
import type { Clock } from '../core/clock.js'
import { owned } from '../crypto/bytes.js'
import { ContactMessage } from '../generated/contact.js'
import type { SealedStore } from '../store/sealed-store.js'
import { hex, type ContactBook } from './contact-book.js'
import type { ContactOutbox } from './contact-outbox.js'
import { carriedAddresses } from './invite-addresses.js'
import { truncateDisplayName } from './invite-checks.js'
import { INVITE_TOKEN_BYTES, inviteIdOf, inviteSecretOf } from './invite-code.js'
import { InvalidInviteError, decodeInviteLink, encodeInviteLink } from './invite.js'
import type { OwnProfileMessage } from './own-profile.js'
import { toRequest, type PrekeyBundleRecord, type RequestRecord } from './records.js'

/**
 * Invites and the requests we send: making an invite link (signed, with
 * where we listen, kept under `invite/` for the requests it will bring), previewing and accepting someone else's (each link used once from
 * this side, remembered under `seen-invite/`), and the outgoing contact
 * request itself, kept until the peer answers.
 */
export interface ContactInvites {
  createInvite(expiresInHours: number, singleUse: boolean): Promise<CreatedInvite>
  previewInvite(link: string): Promise<InvitePreview>
  acceptInvite(link: string, message: string): Promise<ContactRequest>
  /** Asks `peerId` to become a contact (through their invite, if any) and keeps the request. */
  sendRequest(
    peerId: string,
    name: string,
    message: string,
    addresses: readonly string[],
    invite?: { id: Uint8Array; secret: Uint8Array; prekeys: PrekeyBundleRecord | null },
  ): Promise<ContactRequest>
}

export interface ContactInvitesContext {
  readonly book: ContactBook
  readonly store: SealedStore
  readonly identity: Identity
  readonly clock: Clock
  /** The name shown on our invites. */
  displayName(): Promise<string>
  /** The running node, if any. */
  node(): Libp2p | undefined
  readonly outbox: Pick<ContactOutbox, 'enqueue'>
  readonly ownProfileMessage: OwnProfileMessage
}

function decodeOrFail(link: string, now: number): ReturnType<typeof decodeInviteLink> {
  try {
    return decodeInviteLink(link, now)
  } catch (err) {
    if (err instanceof InvalidInviteError) throw new ApiFailure('INVALID_INVITE', err.message)
    throw err
  }
}

export function contactInvites(ctx: ContactInvitesContext): ContactInvites {
  const { book, store, identity, clock, outbox, ownProfileMessage } = ctx
  const self = book.self

  async function refuseSeen(inviteId: Uint8Array): Promise<void> {
    if ((await store.get(`seen-invite/${store.blind(hex(inviteId))}`)) !== undefined) {
      throw new ApiFailure('INVALID_INVITE', 'this invite was already used: ask for a new one')
    }
  }

  const sendRequest: ContactInvites['sendRequest'] = async (peerId, name, message, addresses, invite) => {
    if (peerId === self) throw new ApiFailure('INVALID_INVITE', 'this is your own invite')
    if (book.contacts.has(peerId)) throw new ApiFailure('CONFLICT', 'this person is already in your contacts')
    if (book.isBlockedStranger(peerId)) await book.unblockStranger(peerId)
    book.remember(peerId, addresses)
    const previous = book.requestFrom(peerId, 'outgoing')
    const record: RequestRecord = {
      v: 1,
      requestId: previous?.requestId ?? hex(randomBytes(16)),
      peerId,
      direction: 'outgoing',
      message,
      createdAt: clock.now(),
      viaInvite: invite !== undefined,
      inviteId: invite === undefined ? '' : hex(invite.id),
      inviteSecret: invite === undefined ? '' : hex(invite.secret),
      warning: null,
      state: 'sent',
      profileDocument: null,
      profileSignature: null,
      addresses: [...addresses].slice(0, 16),
      name: name.slice(0, 64),
      prekeys: invite?.prekeys ?? previous?.prekeys ?? null,
    }
    await book.saveRequest(record)
    await outbox.enqueue(
      peerId,
      await ownProfileMessage(ContactMessage.Type.REQUEST, {
        message,
        inviteId: owned(invite?.id ?? new Uint8Array(0)),
        inviteSecret: owned(invite?.secret ?? new Uint8Array(0)),
      }),
    )
    book.announceRequests()
    return toRequest(record, null)
  }

  return {
    sendRequest,

    async createInvite(expiresInHours, singleUse) {
      const token = randomBytes(INVITE_TOKEN_BYTES)
      const inviteId = inviteIdOf(token)
      const secret = inviteSecretOf(token, singleUse)
      // whole seconds, as the link carries them: both sides agree on the instant
      const expiresAtSeconds = Math.floor((clock.now() + expiresInHours * 3600 * 1000) / 1000)
      const expiresAt = expiresAtSeconds * 1000
      const link = encodeInviteLink(
        {
          singleUse,
          token,
          identityKey: identity.signingPublic,
          expiresAt: expiresAtSeconds,
          displayName: truncateDisplayName(await ctx.displayName()),
          addresses: carriedAddresses(ctx.node()?.getMultiaddrs() ?? []),
        },
        identity.signingSecret,
      )
      await store.putJson(`invite/${hex(inviteId)}`, {
        v: 1,
        inviteId: hex(inviteId),
        secret: hex(secret),
        singleUse,
        expiresAt,
        used: false,
      })
      return { inviteId: hex(inviteId), link, expiresAt }
    },

    async previewInvite(link) {
      const verified = decodeOrFail(link, clock.now())
      await refuseSeen(verified.inviteId)
      if (verified.peerId === self) throw new ApiFailure('INVALID_INVITE', 'this is your own invite')
      return {
        peerId: verified.peerId,
        displayName: verified.displayName,
        expiresAt: verified.expiresAt,
        addresses: verified.addresses,
        fingerprint: verified.fingerprint,
        alreadyContact: book.contacts.has(verified.peerId),
      }
    },

    async acceptInvite(link, message) {
      const verified = decodeOrFail(link, clock.now())
      await refuseSeen(verified.inviteId)
      const request = await sendRequest(verified.peerId, verified.displayName, message, verified.addresses, {
        id: verified.inviteId,
        secret: verified.secret,
        // a format-1 invite's prekeys were checked against its identity key when it was decoded;
        // otherwise they come with the answer (ACCEPT)
        prekeys: verified.prekeys,
      })
      // an invite is used once from this side: a replay of the same link is refused
      await store.putJson(`seen-invite/${store.blind(hex(verified.inviteId))}`, { at: clock.now() })
      return request
    },
  }
}
