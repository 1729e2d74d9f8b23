import { x25519 } from '@noble/curves/ed25519.js'
import type { PeerSessionKeys } from '../identity/peer-keys.js'
import { equalBytes, fromBase64, owned, toBase64, toHex } from '../crypto/bytes.js'
import {
  AuthenticationError,
  DuplicateMessageError,
  HEADER_BYTES,
  MalformedHeaderError,
  RatchetError,
  TooManySkippedError,
  acceptSession,
  decodeHeader,
  encodeHeader,
  initiateSession,
  ratchetDecrypt,
  ratchetEncrypt,
  ratchetInitReceiver,
  ratchetInitSender,
  type RandomBytes,
  type X3dhIdentity,
} from '../signal/index.js'
import { deriveSubkey } from '../crypto/hkdf.js'
import { ID_BYTES, envelopeId, sessionIdOf } from './ids.js'
import { MAX_SESSIONS, bytesOf, type SessionRecord, type SessionSet } from './records.js'
import { Refusal, type Envelope, type SessionInit } from '../generated/dm.js'

/**
 * Which end-to-end session carries a conversation (docs/PROTOCOL.md §7.2).
 * Whoever writes first runs X3DH with the prekeys the other sent with their
 * contact request or acceptance, and attaches the X3DH header to every
 * envelope until the other answers in that session. If both start one before
 * hearing from the other, both keep both for receiving and send in the one
 * started by the smaller peer ID.
 */
export const MAX_CIPHERTEXT_BYTES = 64 * 1024

/** The envelope cannot be used and must not be sent again; `code` is what crosses the wire, the message stays here. */
export class EnvelopeRefusedError extends Error {
  override readonly name = 'EnvelopeRefusedError'
  constructor(
    readonly code: Refusal.Code,
    message: string,
  ) {
    super(message)
  }
}

/** The refusal code for what the ratchet threw. */
function codeOf(err: RatchetError): Refusal.Code {
  if (err instanceof AuthenticationError) return Refusal.Code.AUTHENTICATION_FAILED
  if (err instanceof TooManySkippedError) return Refusal.Code.TOO_MANY_SKIPPED
  if (err instanceof MalformedHeaderError) return Refusal.Code.MALFORMED
  return Refusal.Code.RATCHET_MISMATCH
}

/** No session yet and no prekeys of theirs to start one. */
export class NoSessionError extends Error {
  override readonly name = 'NoSessionError'
}

export interface OurPrekeys {
  signed(): Promise<{ readonly id: number; readonly secret: Uint8Array; readonly publicKey: Uint8Array }>
  oneTime(id: number): Promise<Uint8Array | undefined>
}

export const EMPTY_SESSIONS: SessionSet = { v: 2, active: null, sessions: [] }

/** The session's acknowledgement key: one purpose, from the X3DH secret both sides derive. */
function ackKeyOf(sharedKey: Uint8Array): Uint8Array {
  return deriveSubkey(sharedKey, 'parley/ack-key/v1')
}

function initOf(session: SessionRecord): SessionInit | undefined {
  if (session.init === null) return undefined
  return {
    identityKey: owned(fromBase64(session.init.identityKey)),
    ephemeralKey: owned(fromBase64(session.init.ephemeralKey)),
    signedPrekeyId: session.init.signedPrekeyId,
    hasOneTimePrekey: session.init.oneTimePrekeyId !== null,
    oneTimePrekeyId: session.init.oneTimePrekeyId ?? 0,
  }
}

/** Keeps the active session and the newest others, at most MAX_SESSIONS. */
function withSession(set: SessionSet, session: SessionRecord, active: string | null): SessionSet {
  const others = set.sessions.filter((s) => s.id !== session.id)
  const kept = [session, ...others.filter((s) => s.id === active), ...others.filter((s) => s.id !== active)]
  return { v: 2, active, sessions: kept.slice(0, MAX_SESSIONS) }
}

export interface Encrypted {
  readonly sessions: SessionSet
  readonly envelope: Envelope
  readonly envelopeId: Uint8Array
  /** A new session used their one-time prekey: forget it. */
  readonly usedOneTimePrekey: boolean
}

export function encryptFor(
  sessions: SessionSet,
  self: X3dhIdentity,
  theirs: PeerSessionKeys,
  plaintext: Uint8Array,
  now: number,
  random?: RandomBytes,
): Encrypted {
  let set = sessions
  let session = set.sessions.find((s) => s.id === set.active)
  let usedOneTimePrekey = false
  if (session === undefined) {
    const prekeys = theirs.prekeys
    if (prekeys === null) throw new NoSessionError('no prekeys of this contact yet: their acceptance has not arrived')
    const started = initiateSession({
      ourIdentity: self,
      theirs: {
        peerId: theirs.peerId,
        identityKey: theirs.identityKey,
        agreementKey: theirs.agreementKey,
        signedPrekeyId: prekeys.signedPrekeyId,
        signedPrekey: fromBase64(prekeys.signedPrekey),
        signedPrekeySignature: fromBase64(prekeys.signedPrekeySignature),
        ...(prekeys.oneTimePrekey === null || prekeys.oneTimePrekeyId === null
          ? {}
          : { oneTimePrekeyId: prekeys.oneTimePrekeyId, oneTimePrekey: fromBase64(prekeys.oneTimePrekey) }),
      },
      ...(random === undefined ? {} : { random }),
    })
    const header = started.initialMessageHeader
    usedOneTimePrekey = header.oneTimePrekeyId !== undefined
    const id = toHex(sessionIdOf(header.ephemeralKey))
    session = {
      id,
      initiatedByUs: true,
      ad: toBase64(started.associatedData),
      ackKey: toBase64(ackKeyOf(started.sharedKey)),
      state: ratchetInitSender(started.sharedKey, fromBase64(prekeys.signedPrekey), random),
      init: {
        identityKey: toBase64(header.identityKey),
        ephemeralKey: toBase64(header.ephemeralKey),
        signedPrekeyId: header.signedPrekeyId,
        oneTimePrekeyId: header.oneTimePrekeyId ?? null,
      },
      createdAt: now,
    }
    set = withSession(set, session, id)
  }
  const result = ratchetEncrypt(session.state, plaintext, bytesOf(session.ad, 'base64'), random)
  const header = encodeHeader(result.header)
  const sessionId = owned(bytesOf(session.id, 'hex'))
  const init = initOf(session)
  const envelope: Envelope = {
    sessionId,
    header: owned(header),
    ciphertext: owned(result.ciphertext),
    ...(init === undefined ? {} : { init }),
  }
  const updated = { ...session, state: result.state }
  return {
    sessions: withSession(set, updated, set.active),
    envelope,
    envelopeId: envelopeId(sessionId, header),
    usedOneTimePrekey,
  }
}

export interface Decrypted {
  readonly sessions: SessionSet
  readonly plaintext: Uint8Array
  /** A one-time prekey of ours this envelope's X3DH used: delete it with the result. */
  readonly usedOneTimePrekey: number | null
}

/** Checks the envelope's shape; returns its ID. Throws EnvelopeRefusedError. */
export function checkEnvelope(envelope: Envelope): Uint8Array {
  if (envelope.sessionId.length !== ID_BYTES) throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'bad session ID')
  if (envelope.header.length !== HEADER_BYTES)
    throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'bad ratchet header')
  if (envelope.ciphertext.length > MAX_CIPHERTEXT_BYTES)
    throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'message too large')
  return envelopeId(envelope.sessionId, envelope.header)
}

async function acceptInit(
  envelope: Envelope,
  init: SessionInit,
  self: X3dhIdentity,
  theirs: PeerSessionKeys,
  ours: OurPrekeys,
  now: number,
): Promise<{ session: SessionRecord; usedOneTimePrekey: number | null }> {
  if (!equalBytes(sessionIdOf(init.ephemeralKey), envelope.sessionId)) {
    throw new EnvelopeRefusedError(Refusal.Code.BAD_SESSION_INIT, 'the session ID does not match its X3DH header')
  }
  if (!equalBytes(init.identityKey, theirs.agreementKey)) {
    throw new EnvelopeRefusedError(
      Refusal.Code.BAD_SESSION_INIT,
      "the session was not started with this contact's identity key",
    )
  }
  let oneTime: { id: number; secret: Uint8Array } | undefined
  if (init.hasOneTimePrekey) {
    const secret = await ours.oneTime(init.oneTimePrekeyId)
    if (secret === undefined)
      throw new EnvelopeRefusedError(
        Refusal.Code.BAD_SESSION_INIT,
        'the one-time prekey was already used or is unknown',
      )
    oneTime = { id: init.oneTimePrekeyId, secret }
  }
  const signed = await ours.signed()
  let agreed
  try {
    agreed = acceptSession({
      ourIdentity: self,
      ourSignedPrekey: { id: signed.id, secret: signed.secret },
      ...(oneTime === undefined ? {} : { ourOneTimePrekey: oneTime }),
      theirPeerId: theirs.peerId,
      header: {
        identityKey: init.identityKey,
        ephemeralKey: init.ephemeralKey,
        signedPrekeyId: init.signedPrekeyId,
        ...(init.hasOneTimePrekey ? { oneTimePrekeyId: init.oneTimePrekeyId } : {}),
      },
    })
  } catch (err) {
    throw new EnvelopeRefusedError(Refusal.Code.BAD_SESSION_INIT, err instanceof Error ? err.message : 'X3DH failed')
  }
  const keyPair = { secret: signed.secret, public: x25519.getPublicKey(signed.secret) }
  return {
    session: {
      id: toHex(envelope.sessionId),
      initiatedByUs: false,
      ad: toBase64(agreed.associatedData),
      ackKey: toBase64(ackKeyOf(agreed.sharedKey)),
      state: ratchetInitReceiver(agreed.sharedKey, keyPair),
      init: null,
      createdAt: now,
    },
    usedOneTimePrekey: oneTime?.id ?? null,
  }
}

/** The session to send in after they started `incoming` (see the module comment). */
function chooseActive(set: SessionSet, incoming: SessionRecord, selfPeerId: string, theirPeerId: string): string {
  const active = set.sessions.find((s) => s.id === set.active)
  if (active?.initiatedByUs === true && active.init !== null && selfPeerId < theirPeerId) return active.id
  return incoming.id
}

/**
 * Decrypts an envelope from `theirs`, whose shape `checkEnvelope` passed. Throws EnvelopeRefusedError for anything
 * that can never decrypt; DuplicateMessageError when it was already read.
 */
export async function decryptFrom(
  sessions: SessionSet,
  self: X3dhIdentity,
  theirs: PeerSessionKeys,
  envelope: Envelope,
  ours: OurPrekeys,
  now: number,
): Promise<Decrypted> {
  const id = toHex(envelope.sessionId)
  let session = sessions.sessions.find((s) => s.id === id)
  let usedOneTimePrekey: number | null = null
  let isNew = false
  if (session === undefined) {
    if (envelope.init === undefined) throw new EnvelopeRefusedError(Refusal.Code.UNKNOWN_SESSION, 'unknown session')
    const accepted = await acceptInit(envelope, envelope.init, self, theirs, ours, now)
    session = accepted.session
    usedOneTimePrekey = accepted.usedOneTimePrekey
    isNew = true
  }
  let result
  try {
    result = ratchetDecrypt(
      session.state,
      decodeHeader(envelope.header),
      envelope.ciphertext,
      bytesOf(session.ad, 'base64'),
    )
  } catch (err) {
    if (err instanceof DuplicateMessageError) throw err
    if (err instanceof RatchetError) throw new EnvelopeRefusedError(codeOf(err), err.message)
    throw err
  }
  // they answered in a session we started: stop sending its X3DH header
  const updated: SessionRecord = { ...session, state: result.state, init: null }
  const active = isNew ? chooseActive(sessions, updated, self.peerId, theirs.peerId) : (sessions.active ?? updated.id)
  return { sessions: withSession(sessions, updated, active), plaintext: result.plaintext, usedOneTimePrekey }
}
