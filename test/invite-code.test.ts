import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { INVITE_SCHEME } from '../src/api/index.js'
import { concatBytes, utf8 } from '../src/crypto/bytes.js'
import { InvalidInviteError, MAX_INVITE_BYTES, decodeInviteLink, encodeInviteLink } from '../src/contacts/invite.js'
import {
  INVITE_CODE_CONTEXT,
  decodeInviteCode,
  encodeInviteCode,
  inviteIdOf,
  inviteSecretOf,
  type InviteCode,
} from '../src/contacts/invite-code.js'
import { encodeLegacyInvite } from '../src/contacts/invite-legacy.js'
import { signedPrekeyMessage } from '../src/identity/prekeys.js'

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0)
const WEEK_S = 7 * 24 * 3600
const secretKey = ed25519.utils.randomSecretKey()
const identityKey = ed25519.getPublicKey(secretKey)
const peerId = peerIdFromPublicKey(publicKeyFromRaw(identityKey)).toString()
const LISTEN = ['/ip4/192.168.1.23/tcp/41234', '/ip4/127.0.0.1/tcp/41234']

/** A typical invite: a name, two listen addresses, single use, a week. */
function typical(overrides: Partial<InviteCode> = {}): InviteCode {
  return {
    singleUse: true,
    token: Uint8Array.from({ length: 16 }, (_, i) => i * 7),
    identityKey,
    expiresAt: NOW / 1000 + WEEK_S,
    displayName: 'Alice',
    addresses: LISTEN.map((a) => multiaddr(a).bytes),
    ...overrides,
  }
}

function linkOf(bytes: Uint8Array): string {
  return INVITE_SCHEME + Buffer.from(bytes).toString('base64url')
}

/** The same body signed again by `key`: lets a test say anything, validly signed. */
function resign(body: Uint8Array, key = secretKey): Uint8Array {
  return concatBytes(body, ed25519.sign(concatBytes(utf8(INVITE_CODE_CONTEXT), body), key))
}

function bodyOf(bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, bytes.length - 64)
}

function refusal(link: string, now = NOW): string {
  try {
    decodeInviteLink(link, now)
  } catch (err) {
    if (err instanceof InvalidInviteError) return err.message
    throw err
  }
  throw new Error('accepted')
}

/** The link Parley issued before format 2, for the same invite (real key and prekey sizes). */
function legacyLink(code: InviteCode): string {
  const spk = x25519.getPublicKey(x25519.utils.randomSecretKey())
  return linkOf(
    encodeLegacyInvite(
      {
        version: 1,
        inviteId: inviteIdOf(code.token),
        identityKey: new Uint8Array(identityKey),
        agreementKey: x25519.getPublicKey(x25519.utils.randomSecretKey()),
        signedPrekeyId: 1_234_567,
        signedPrekey: spk,
        signedPrekeySignature: ed25519.sign(signedPrekeyMessage(1_234_567, spk), secretKey),
        oneTimePrekeyId: 42,
        oneTimePrekey: x25519.getPublicKey(x25519.utils.randomSecretKey()),
        addresses: code.addresses.map((a) => new Uint8Array(a)),
        displayName: code.displayName,
        createdAt: BigInt(NOW),
        expiresAt: BigInt(code.expiresAt * 1000),
        secret: inviteSecretOf(code.token, code.singleUse),
      },
      secretKey,
    ),
  )
}

describe('compact invites (format 2)', () => {
  it('round-trips: the link gives back who, until when, the invite ID and secret, and dialable addresses', () => {
    const code = typical()
    const verified = decodeInviteLink(encodeInviteLink(code, secretKey), NOW)
    expect(verified).toMatchObject({
      format: 2,
      peerId,
      displayName: 'Alice',
      expiresAt: (NOW / 1000 + WEEK_S) * 1000,
      prekeys: null,
      addresses: LISTEN.map((a) => `${a}/p2p/${peerId}`),
    })
    expect(verified.identityKey).toEqual(identityKey)
    expect(verified.inviteId).toEqual(inviteIdOf(code.token))
    expect(verified.secret).toHaveLength(16)
    expect(verified.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/)
    expect(decodeInviteCode(encodeInviteCode(code, secretKey))).toEqual(code)

    const reusable = decodeInviteLink(encodeInviteLink(typical({ singleUse: false, addresses: [] }), secretKey), NOW)
    expect(reusable.secret).toHaveLength(0)
    expect(reusable.addresses).toEqual([])
    // a name of 64 characters, emoji included, survives whole
    const name = `${'é'.repeat(62)}👋`
    expect(decodeInviteLink(encodeInviteLink(typical({ displayName: name }), secretKey), NOW).displayName).toBe(name)
  })

  it('follows the byte layout of docs/PROTOCOL.md §6.1', () => {
    const bytes = encodeInviteCode(typical(), secretKey)
    expect(bytes[0]).toBe(2)
    expect(bytes[1]).toBe(1)
    expect(bytes.subarray(2, 18)).toEqual(typical().token)
    expect(bytes.subarray(18, 50)).toEqual(identityKey)
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(50)).toBe(NOW / 1000 + WEEK_S)
    expect([...bytes.subarray(54, 61)]).toEqual([5, ...utf8('Alice'), 2])
    expect([...bytes.subarray(61, 70)]).toEqual([8, ...multiaddr(LISTEN[0]).bytes])
    expect(bytes.length).toBe(1 + 1 + 16 + 32 + 4 + 1 + 5 + 1 + 2 * 9 + 64)
    expect(
      ed25519.verify(bytes.subarray(-64), concatBytes(utf8('parley/invite/v2\0'), bodyOf(bytes)), identityKey),
    ).toBe(true)
  })

  it('is at most half as long as the format-1 link of the same invite, and fits a smaller QR code', () => {
    const link = encodeInviteLink(typical(), secretKey)
    const before = legacyLink(typical())
    expect(link.length).toBeLessThanOrEqual(before.length / 2)
    // measured when format 2 came: 491 characters before, 207 after
    expect(before.length).toBeGreaterThan(480)
    expect(link.length).toBeLessThan(210)
  })

  it('refuses a change to any byte', () => {
    const bytes = encodeInviteCode(typical(), secretKey)
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const tampered = bytes.slice()
        tampered[i] = (tampered[i] ?? 0) ^ mask
        expect(() => decodeInviteLink(linkOf(tampered), NOW), `byte ${i} ^ ${mask}`).toThrow(InvalidInviteError)
      }
    }
  })

  it('says clearly what is wrong with a cut, lengthened, newer or re-signed invite', () => {
    const bytes = encodeInviteCode(typical(), secretKey)
    for (let length = 1; length < bytes.length; length++) {
      expect(refusal(linkOf(bytes.subarray(0, length))), `cut to ${length}`).toMatch(/incomplete/)
    }
    expect(refusal(linkOf(bytes.subarray(0, bytes.length - 1)))).toMatch(/incomplete/)
    expect(refusal(linkOf(bytes.subarray(0, 40)))).toMatch(/incomplete/)
    expect(refusal(linkOf(concatBytes(bytes, Uint8Array.of(0))))).toMatch(/extra bytes/)
    expect(refusal(linkOf(new Uint8Array(MAX_INVITE_BYTES + 1).fill(2)))).toMatch(/too long/)
    expect(refusal(encodeInviteLink(typical(), secretKey).slice(0, -1))).toMatch(/incomplete/)
    expect(refusal(INVITE_SCHEME)).toMatch(/characters/)

    const newer = bodyOf(bytes)
    newer[0] = 3
    expect(refusal(linkOf(resign(newer)))).toMatch(/newer version of Parley \(format 3\)/)
    const flagged = bodyOf(bytes)
    flagged[1] = 0x03
    expect(refusal(linkOf(resign(flagged)))).toMatch(/newer version of Parley/)
    expect(refusal(linkOf(resign(bodyOf(bytes), ed25519.utils.randomSecretKey())))).toMatch(/not signed/)
    expect(refusal(`${INVITE_SCHEME}${Buffer.from(bytes).toString('base64')}=`)).toMatch(/characters/)
    expect(refusal('https://example.org/invite')).toContain(INVITE_SCHEME)
  })

  it('checks the signed content as before: expiry, name, addresses', () => {
    expect(refusal(encodeInviteLink(typical(), secretKey), (NOW / 1000 + WEEK_S) * 1000)).toMatch(/expired/)
    expect(refusal(encodeInviteLink(typical({ displayName: 'Bob\u202eecilA' }), secretKey))).toMatch(/control/)
    expect(refusal(encodeInviteLink(typical({ displayName: 'x'.repeat(65) }), secretKey))).toMatch(/too long/)
    // a name that is not UTF-8, validly signed
    const badName = bodyOf(encodeInviteCode(typical({ displayName: 'Al' }), secretKey))
    badName.set([0xc3, 0x28], 55)
    expect(refusal(linkOf(resign(badName)))).toMatch(/UTF-8/)
    const junk = encodeInviteLink(typical({ addresses: [Uint8Array.of(0xff, 0xff, 0xff)] }), secretKey)
    expect(refusal(junk)).toMatch(/malformed address/)
    const stranger = peerIdFromPublicKey(publicKeyFromRaw(ed25519.getPublicKey(ed25519.utils.randomSecretKey())))
    const other = multiaddr(`/ip4/10.0.0.1/tcp/1/p2p/${stranger.toString()}`)
    expect(refusal(encodeInviteLink(typical({ addresses: [other.bytes] }), secretKey))).toMatch(/another peer/)
    const nine = bodyOf(encodeInviteCode(typical({ addresses: [] }), secretKey))
    nine[nine.length - 1] = 9
    expect(refusal(linkOf(resign(nine)))).toMatch(/too many addresses/)
  })
})

describe('format-1 invites', () => {
  it('are still accepted, with the prekeys they carry, and refused when tampered with', () => {
    const link = legacyLink(typical())
    const verified = decodeInviteLink(link, NOW)
    expect(verified).toMatchObject({ format: 1, peerId, displayName: 'Alice', expiresAt: (NOW / 1000 + WEEK_S) * 1000 })
    expect(verified.inviteId).toEqual(inviteIdOf(typical().token))
    expect(verified.prekeys).toMatchObject({ signedPrekeyId: 1_234_567, oneTimePrekeyId: 42 })
    expect(verified.addresses).toEqual(LISTEN.map((a) => `${a}/p2p/${peerId}`))
    // the fingerprint is the identity key's, whichever format brought it
    expect(verified.fingerprint).toBe(decodeInviteLink(encodeInviteLink(typical(), secretKey), NOW).fingerprint)

    const bytes = Buffer.from(link.slice(INVITE_SCHEME.length), 'base64url')
    for (const i of [5, 40, 100, 200, bytes.length - 1]) {
      const tampered = Uint8Array.from(bytes)
      tampered[i] = (tampered[i] ?? 0) ^ 0x01
      expect(() => decodeInviteLink(linkOf(tampered), NOW), `byte ${i}`).toThrow(InvalidInviteError)
    }
  })
})
