/**
 * End-to-end encryption for one-to-one sessions: X3DH to agree a key from a
 * prekey bundle, then the Double Ratchet. A pure library: no I/O, no clock,
 * randomness injectable. The first message's ratchet key is the responder's
 * signed prekey: the initiator calls `ratchetInitSender(sharedKey, signedPrekey)`,
 * the responder `ratchetInitReceiver(sharedKey, signedPrekeyPair)`, and both pass
 * the X3DH associated data to every encrypt and decrypt.
 */
export {
  DEFAULT_RANDOM,
  HostileKeyError,
  InvalidSignedPrekeyError,
  UnknownPrekeyError,
  acceptSession,
  agree,
  initiateSession,
  x3dhAssociatedData,
  type InitialMessageHeader,
  type InitiatedSession,
  type PrekeyBundle,
  type PrekeySecret,
  type RandomBytes,
  type X3dhIdentity,
  type X3dhResult,
} from './x3dh.js'
export {
  AuthenticationError,
  DecryptError,
  DuplicateMessageError,
  HEADER_BYTES,
  HEADER_VERSION,
  MAX_RECEIVER_CHAINS,
  MAX_SKIP_PER_CHAIN,
  MAX_STORED_SKIPPED,
  MalformedHeaderError,
  RatchetError,
  SessionNotReadyError,
  TooManySkippedError,
  decodeHeader,
  encodeHeader,
  ratchetDecrypt,
  ratchetEncrypt,
  ratchetInitReceiver,
  ratchetInitSender,
  type Chain,
  type KeyPair,
  type MessageHeader,
  type OldChain,
  type RatchetState,
  type SkippedKey,
} from './double-ratchet.js'
export {
  InvalidSessionStateError,
  SESSION_STATE_VERSION,
  STORED_RATCHET_LIMITS,
  deserializeSession,
  ratchetFromStored,
  ratchetToStored,
  serializeSession,
  sessionStateSchema,
  type SessionStateJson,
} from './session-state.js'
export { expandMessageKey, kdfCk, kdfRk, x3dhSharedKey, type AeadKey, type ChainStep, type RootStep } from './kdf.js'
