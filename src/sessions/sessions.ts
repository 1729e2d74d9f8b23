import type { X3dhIdentity } from '../signal/index.js'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { toHex } from '../crypto/bytes.js'
import type { PeerSessionKeys } from '../identity/peer-keys.js'
import { oneTimePrekeyRecord, oneTimePrekeySecret, signedPrekeySecret } from '../identity/prekeys.js'
import type { Identity } from '../accounts/identity.js'
import type { CommitOp } from '../store/committer.js'
import type { SealedStore } from '../store/sealed-store.js'
import { Envelope, type SealedAck } from '../generated/dm.js'
import { openAck, sealAck } from './acks.js'
import { EMPTY_SESSIONS, NoSessionError, checkEnvelope, decryptFrom, encryptFor, type OurPrekeys } from './pairwise.js'
import {
  InvalidSessionRecordError,
  InvalidSessionStateError,
  decodeSessionSet,
  encodeSessionSet,
  type SessionSet,
} from './records.js'

/**
 * Pairwise end-to-end sessions (X3DH + Double Ratchet) behind two calls:
 * `seal(peer, plaintext)` and `open(peer, envelope)`. Each returns the writes
 * that keep the new ratchet state, for the caller to put in the same batch as
 * whatever the message changes (the state and its effect land together or not
 * at all). Calls for one peer must not overlap: callers run them one at a time
 * per peer, in order. Used by direct messages now; by contact requests, file
 * keys and group key distribution later (docs/PROTOCOL.md §7.2).
 */
export interface Sealed {
  readonly envelope: Envelope
  /** The encoded Envelope, as it crosses any transport. */
  readonly bytes: Uint8Array
  /** 32 lowercase hex characters: how an acknowledgement names it. */
  readonly envelopeId: string
  readonly ops: CommitOp[]
  /** A one-time prekey of theirs was used: once the ops are on disk, tell the keeper of their keys. */
  readonly usedTheirOneTimePrekey: boolean
}

export interface Opened {
  readonly plaintext: Uint8Array
  readonly ops: CommitOp[]
}

export interface Sessions {
  /** Throws NoSessionError when there is no session yet and no prekeys of theirs to start one. */
  seal(peer: string, plaintext: Uint8Array): Promise<Sealed>
  /** The envelope's ID (hex), once its shape and sizes are checked; throws EnvelopeRefusedError. */
  check(envelope: Envelope): string
  /**
   * Decrypts an envelope that passed `check`. Throws EnvelopeRefusedError (with
   * the code that crosses the wire) or DuplicateMessageError.
   */
  open(peer: string, envelope: Envelope): Promise<Opened>
  /**
   * Seals an acknowledgement of their envelopes `ids` (hex, at most 512) with
   * the session's acknowledgement key; undefined when no session has one (a
   * session from before they existed: acknowledge with a sealed ACK content).
   */
  sealAck(peer: string, ids: readonly string[]): Promise<SealedAck | undefined>
  /** The IDs (hex) of our envelopes their acknowledgement names; throws AckError if it is not theirs. */
  openAck(peer: string, ack: SealedAck): Promise<string[]>
  /** Their device lost these sessions (they said so): the next seal starts a new one. */
  forget(peer: string, sessionIds: ReadonlySet<string>): Promise<CommitOp[]>
}

export interface SessionsOptions {
  readonly store: SealedStore
  readonly identity: Identity
  readonly clock: Clock
  readonly logger: Logger
  /** Their keys, or undefined for someone we do not talk to (not a contact, or blocked). */
  readonly keysOf: (peer: string) => PeerSessionKeys | undefined
}

export { NoSessionError }

export function createSessions(options: SessionsOptions): Sessions {
  const { store, clock, identity: account } = options
  const identity: X3dhIdentity = {
    peerId: account.peerId,
    agreementSecret: account.agreementSecret,
    agreementPublic: account.agreementPublic,
  }
  const sets = new Map<string, SessionSet>()
  const keyOf = (peer: string): string => `dm/session/${store.blind(peer)}`
  let signedPrekey: ReturnType<typeof signedPrekeySecret> | undefined
  const ours: OurPrekeys = {
    signed: () => (signedPrekey ??= signedPrekeySecret(store, account, clock.now())),
    oneTime: (id) => oneTimePrekeySecret(store, id),
  }

  const setOf = async (peer: string): Promise<SessionSet> => {
    const cached = sets.get(peer)
    if (cached !== undefined) return cached
    const stored = await store.get(keyOf(peer))
    let set = EMPTY_SESSIONS
    if (stored !== undefined) {
      try {
        set = decodeSessionSet(stored)
      } catch (err) {
        if (!(err instanceof InvalidSessionRecordError || err instanceof InvalidSessionStateError)) throw err
        options.logger.warn('an unreadable session record was replaced')
      }
    }
    sets.set(peer, set)
    return set
  }

  const keysFor = (peer: string): PeerSessionKeys => {
    const keys = options.keysOf(peer)
    if (keys === undefined) throw new NoSessionError('no keys for this peer: not a contact')
    return keys
  }

  /**
   * This state, serialised only if it is still the last write of the record
   * when its batch goes out (never a later state: that one's effects may be
   * in a later batch).
   */
  const putSet = (peer: string, set: SessionSet): CommitOp => {
    sets.set(peer, set)
    return { type: 'put', key: keyOf(peer), value: () => encodeSessionSet(set) }
  }

  return {
    async seal(peer, plaintext) {
      const sealed = encryptFor(await setOf(peer), identity, keysFor(peer), plaintext, clock.now())
      return {
        envelope: sealed.envelope,
        bytes: Envelope.encode(sealed.envelope),
        envelopeId: toHex(sealed.envelopeId),
        ops: [putSet(peer, sealed.sessions)],
        usedTheirOneTimePrekey: sealed.usedOneTimePrekey,
      }
    },

    check: (envelope) => toHex(checkEnvelope(envelope)),

    sealAck: async (peer, ids) => sealAck(await setOf(peer), account.peerId, peer, ids),
    openAck: async (peer, ack) => openAck(await setOf(peer), peer, account.peerId, ack),

    async open(peer, envelope) {
      const opened = await decryptFrom(await setOf(peer), identity, keysFor(peer), envelope, ours, clock.now())
      const ops: CommitOp[] = [putSet(peer, opened.sessions)]
      if (opened.usedOneTimePrekey !== null)
        ops.push({ type: 'del', key: oneTimePrekeyRecord(opened.usedOneTimePrekey) })
      return { plaintext: opened.plaintext, ops }
    },

    async forget(peer, sessionIds) {
      const set = await setOf(peer)
      if (set.active === null || !sessionIds.has(set.active)) return []
      options.logger.info('a contact lost our session: starting a new one')
      return [putSet(peer, { v: 2, active: null, sessions: set.sessions.filter((s) => !sessionIds.has(s.id)) })]
    },
  }
}
