import { chacha20poly1305, xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { expand, extract, hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../src/crypto/bytes.js'
import { hmacSha256 } from '../src/crypto/hkdf.js'
import { kdfCk } from '../src/signal/kdf.js'

/**
 * Known-answer tests with the published vectors, so the primitives (and the way
 * we call them) are checked against the specifications, not against themselves.
 */
const hex = hexToBytes
const range = (from: number, to: number): Uint8Array => Uint8Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('X25519 (RFC 7748)', () => {
  it('§5.2: both scalar-multiplication vectors', () => {
    const vectors = [
      [
        'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
        'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
        'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
      ],
      [
        '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
        // the RFC prints this u with its top bit set: X25519 must mask it
        'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
        '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
      ],
    ] as const
    for (const [scalar, u, out] of vectors) {
      expect(bytesToHex(x25519.scalarMult(hex(scalar), hex(u)))).toBe(out)
    }
  })

  it('§5.2: iterated 1 and 1,000 times', () => {
    let k = hex('0900000000000000000000000000000000000000000000000000000000000000')
    let u = k
    for (let i = 1; i <= 1000; i++) {
      ;[k, u] = [x25519.scalarMult(k, u), k]
      if (i === 1) expect(bytesToHex(k)).toBe('422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079')
    }
    expect(bytesToHex(k)).toBe('684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51')
  })

  it('§6.1: Alice and Bob compute the published public keys and shared secret', () => {
    const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
    const bob = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')
    const alicePub = '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a'
    const bobPub = 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f'
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'
    expect(bytesToHex(x25519.getPublicKey(alice))).toBe(alicePub)
    expect(bytesToHex(x25519.getPublicKey(bob))).toBe(bobPub)
    expect(bytesToHex(x25519.getSharedSecret(alice, hex(bobPub)))).toBe(shared)
    expect(bytesToHex(x25519.getSharedSecret(bob, hex(alicePub)))).toBe(shared)
  })
})

describe('Ed25519 (RFC 8032 §7.1)', () => {
  const tests = [
    {
      name: 'TEST 1',
      secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      message: '',
      signature:
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      name: 'TEST 2',
      secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      message: '72',
      signature:
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
    {
      name: 'TEST 3',
      secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
      public: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
      message: 'af82',
      signature:
        '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
    },
  ]
  for (const t of tests) {
    it(`${t.name}: public key, signature, strict verification`, () => {
      expect(bytesToHex(ed25519.getPublicKey(hex(t.secret)))).toBe(t.public)
      expect(bytesToHex(ed25519.sign(hex(t.message), hex(t.secret)))).toBe(t.signature)
      expect(ed25519.verify(hex(t.signature), hex(t.message), hex(t.public), { zip215: false })).toBe(true)
      const otherMessage = Uint8Array.of(...hex(t.message), 0)
      expect(ed25519.verify(hex(t.signature), otherMessage, hex(t.public), { zip215: false })).toBe(false)
    })
  }

  const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n
  const toLe = (value: bigint): Uint8Array =>
    Uint8Array.from({ length: 32 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn))

  it('refuses a malleated signature with a non-canonical S (S + L)', () => {
    const { signature, public: pub } = tests[0] ?? expect.unreachable()
    const sig = hex(signature)
    const s = BigInt(`0x${bytesToHex(sig.slice(32).reverse())}`)
    const malleated = Uint8Array.of(...sig.slice(0, 32), ...toLe(s + ORDER))
    expect(ed25519.verify(malleated, new Uint8Array(), hex(pub), { zip215: false })).toBe(false)
    // noble 2.x checks S < L in its ZIP-215 mode too (ZIP 215 requires a canonical S)
    expect(ed25519.verify(malleated, new Uint8Array(), hex(pub))).toBe(false)
  })

  it('strict mode refuses what ZIP-215 (noble default) accepts: a small-order key and non-canonical R', () => {
    // A = identity point, R = identity encoded with y = p + 1 (non-canonical), S = 0:
    // "valid" for every message under the permissive rules.
    const identity = hex('0100000000000000000000000000000000000000000000000000000000000000')
    const nonCanonicalR = toLe(2n ** 255n - 19n + 1n)
    const forged = Uint8Array.of(...nonCanonicalR, ...new Uint8Array(32))
    const message = utf8('any message at all')
    expect(ed25519.verify(forged, message, identity)).toBe(true)
    expect(ed25519.verify(forged, message, identity, { zip215: false })).toBe(false)
  })
})

const LADIES = utf8(
  "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
)
const AEAD_KEY = range(0x80, 0x9f)
const AEAD_AAD = hex('50515253c0c1c2c3c4c5c6c7')

describe('AEAD', () => {
  it('RFC 8439 §2.8.2: ChaCha20-Poly1305', () => {
    const ciphertext =
      'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
      '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc' +
      '3ff4def08e4b7a9de576d26586cec64b6116'
    const tag = '1ae10b594f09e26a7e902ecbd0600691'
    const aead = chacha20poly1305(AEAD_KEY, hex('070000004041424344454647'), AEAD_AAD)
    expect(bytesToHex(aead.encrypt(LADIES))).toBe(ciphertext + tag)
    expect(
      chacha20poly1305(AEAD_KEY, hex('070000004041424344454647'), AEAD_AAD).decrypt(hex(ciphertext + tag)),
    ).toEqual(LADIES)
  })

  it('draft-irtf-cfrg-xchacha-03 A.3.1: XChaCha20-Poly1305', () => {
    const nonce = range(0x40, 0x57)
    const ciphertext =
      'bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39' +
      'ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9' +
      '21f9664c97637da9768812f615c68b13b52e'
    const tag = 'c0875924c1c7987947deafd8780acf49'
    expect(bytesToHex(xchacha20poly1305(AEAD_KEY, nonce, AEAD_AAD).encrypt(LADIES))).toBe(ciphertext + tag)
    const tampered = hex(ciphertext + tag)
    tampered[0] = (tampered[0] ?? 0) ^ 1
    expect(() => xchacha20poly1305(AEAD_KEY, nonce, AEAD_AAD).decrypt(tampered)).toThrow()
  })
})

describe('HKDF-SHA256 (RFC 5869 Appendix A)', () => {
  const cases = [
    {
      name: 'A.1',
      ikm: new Uint8Array(22).fill(0x0b),
      salt: range(0x00, 0x0c),
      info: range(0xf0, 0xf9),
      length: 42,
      prk: '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5',
      okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    },
    {
      name: 'A.2',
      ikm: range(0x00, 0x4f),
      salt: range(0x60, 0xaf),
      info: range(0xb0, 0xff),
      length: 82,
      prk: '06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244',
      okm:
        'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09' +
        'da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
    },
    {
      name: 'A.3',
      ikm: new Uint8Array(22).fill(0x0b),
      salt: new Uint8Array(0),
      info: new Uint8Array(0),
      length: 42,
      prk: '19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04',
      okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    },
  ]
  for (const c of cases) {
    it(`${c.name}: PRK and OKM`, () => {
      const prk = extract(sha256, c.ikm, c.salt)
      expect(bytesToHex(prk)).toBe(c.prk)
      expect(bytesToHex(expand(sha256, prk, c.info, c.length))).toBe(c.okm)
      expect(bytesToHex(hkdf(sha256, c.ikm, c.salt, c.info, c.length))).toBe(c.okm)
    })
  }
})

describe("libsignal's chain-key vector (rust/protocol/src/ratchet/keys.rs, test_chain_key_derivation)", () => {
  const seed = hex('8ab72d6f4cc5ac0d387eaf463378ddb28edd07385b1cb01250c715982e7ad48f')

  it('KDF_CK: next chain key = HMAC-SHA256(ck, 0x02)', () => {
    const next = '28e8f8fee54b801eef7c5cfb2f17f32c7b334485bbb70fac6ec10342a246d15d'
    expect(bytesToHex(kdfCk(seed).chainKey)).toBe(next)
    expect(bytesToHex(kdfCk(seed).messageKey)).toBe(bytesToHex(hmacSha256(seed, Uint8Array.of(0x01))))
  })

  it("message key HMAC-SHA256(ck, 0x01) expands to libsignal's cipher and MAC keys", () => {
    // libsignal expands with info "WhisperMessageKeys" (we use our own info; this pins the 0x01 constant)
    const okm = hkdf(sha256, kdfCk(seed).messageKey, undefined, utf8('WhisperMessageKeys'), 80)
    expect(bytesToHex(okm.slice(0, 32))).toBe('bf51e9d75e0e31031051f82a2491ffc084fa298b7793bd9db620056febf45217')
    expect(bytesToHex(okm.slice(32, 64))).toBe('c6c77d6a73a354337a56435e34607dfe48e3ace14e77314dc6abc172e7a7030b')
  })
})
