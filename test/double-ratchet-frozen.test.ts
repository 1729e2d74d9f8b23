import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { concatBytes } from '../src/crypto/bytes.js'
import { encodeHeader } from '../src/signal/index.js'
import { handshake, send, receive } from './helpers/ratchet.js'
describe('frozen transcripts (any change to the protocol must change these on purpose)', () => {
  it('X3DH with a one-time prekey, then three messages each way', () => {
    const { init, a, b } = handshake('parley frozen transcript v1')
    const transcript: string[] = []
    for (let i = 0; i < 3; i++) {
      const fromA = send(a, `Alice ${i}`)
      transcript.push(bytesToHex(concatBytes(encodeHeader(fromA.header), fromA.ciphertext)))
      expect(receive(b, fromA)).toBe(`Alice ${i}`)
      const fromB = send(b, `Bob ${i}`)
      transcript.push(bytesToHex(concatBytes(encodeHeader(fromB.header), fromB.ciphertext)))
      expect(receive(a, fromB)).toBe(`Bob ${i}`)
    }
    expect(bytesToHex(init.sharedKey)).toBe(FROZEN.sharedKey)
    expect(bytesToHex(init.associatedData)).toBe(FROZEN.associatedData)
    expect(bytesToHex(init.initialMessageHeader.ephemeralKey)).toBe(FROZEN.ephemeralKey)
    expect(transcript).toEqual(FROZEN.messages)
  })

  it('X3DH without a one-time prekey', () => {
    expect(bytesToHex(handshake('parley frozen transcript v1', false).init.sharedKey)).toBe(FROZEN.sharedKeyNoOneTime)
  })
})

/** Recorded once from the implementation, then frozen: the point is that they never drift. */
const FROZEN = {
  sharedKey: '1aca167b73300c368c646e016ea63d72d091d489b1677100af73665caf71d977',
  sharedKeyNoOneTime: '624b0e61418efbd3803528dc53a4f83304736756f13b0f8080429dffe6d23811',
  associatedData:
    '7061726c65792f783364682f763100313244334b6f6f57416c69636500313244334b6f6f57426f62595b49983731bb1cb98335a5b88d6e0ce0c429099ef32cf466c380f37ac9196fbe8f2ed3b400f9bf5d4b05788f914a08d71a281704333c687e406a277fc6951f',
  ephemeralKey: 'd4fa11aa37d916e3b7ccc3adf3a215992b5c3fdfcc0434d6946e676aa8afbe1e',
  // Alice 0, Bob 0, Alice 1, …: header (01 ‖ dh ‖ u32 pn ‖ u32 n) ‖ ciphertext ‖ tag
  messages: [
    '0138717c02e62cd107316de43d33f97075691c82da30357cd69cec46a48630e4500000000000000000a57da922e329ca3885b719921cccaa1dd531d98c1661a6',
    '0107050f1b21207aaf74e2e7b226a6544fe3467fdf8b4196979a864ad9cd6cf63100000000000000000b982bd9e849952beafc8795d47e84446c128bbaaa',
    '015377851b886d267872878317d06205bcbf602051c5ef56416415ec0aedd1f83000000001000000001b48fd1a31a37a51efaad6deb60865c9ac9456f04e0ad3',
    '012298421eac8a74fdaca2894031ae519a9a571c1acca615857b25f4c39f55022b000000010000000009f14a6b28e6e67d20829341326b5e1646da074264',
    '01e47e8a3c2f38aaabc424a37095230323f96d0ff82add161a90be56cc78d2a30b00000001000000005ea1996c76b0db12ccbbabca6869df1b36d2beb8f455fc',
    '01ba3f818b278727805405a187f649214d38a579f761c51af4a5716abb6c93a6670000000100000000c7303084a6eb1948a3824b0bd4ed9ca93a69ee75ad',
  ],
}
