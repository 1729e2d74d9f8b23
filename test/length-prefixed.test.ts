import { Uint8ArrayList } from 'uint8arraylist'
import { describe, expect, it } from 'vitest'
import { FrameLengthError, lengthDecoder, varintBytes } from '../src/network/length-prefixed.js'

const list = (...bytes: number[]): Uint8ArrayList => new Uint8ArrayList(Uint8Array.from(bytes))

describe('frame lengths', () => {
  it('knows how many varint bytes a maximum needs', () => {
    expect(varintBytes(0)).toBe(1)
    expect(varintBytes(127)).toBe(1)
    expect(varintBytes(128)).toBe(2)
    expect(varintBytes(16_383)).toBe(2)
    expect(varintBytes(16_384)).toBe(3)
    expect(varintBytes(72 * 1024)).toBe(3)
    expect(varintBytes(2 ** 21)).toBe(4)
  })

  it('decodes complete lengths up to the maximum', () => {
    const decode = lengthDecoder(128 * 1024)
    expect(decode(list(0))).toBe(0)
    expect(decode(list(0x7f))).toBe(127)
    expect(decode(list(0xac, 0x02))).toBe(300)
    expect(decode(list(0x80, 0x80, 0x08))).toBe(128 * 1024)
  })

  it('asks for another byte, with one shared RangeError, while a length is incomplete', () => {
    const decode = lengthDecoder(128 * 1024)
    const errors = [list(0x80), list(0x80, 0x80)].map((bytes) => {
      try {
        decode(bytes)
        return undefined
      } catch (err) {
        return err
      }
    })
    expect(errors[0]).toBeInstanceOf(RangeError)
    expect(errors[1]).toBe(errors[0])
  })

  it('refuses a length prefix longer than the maximum needs, without waiting for its end', () => {
    const decode = lengthDecoder(128 * 1024)
    expect(() => decode(list(0x80, 0x80, 0x80))).toThrow(FrameLengthError)
    expect(() => decode(list(0x80, 0x80, 0x80, 0x01))).toThrow(FrameLengthError)
    // a zero-padded encoding of a small value is no exception
    expect(() => decode(list(0x81, 0x80, 0x80, 0x00))).toThrow(FrameLengthError)
  })

  it('refuses a complete length above the maximum', () => {
    const decode = lengthDecoder(1000)
    expect(decode(list(0xe8, 0x07))).toBe(1000)
    expect(() => decode(list(0xe9, 0x07))).toThrow(/1001 bytes is over the 1000-byte limit/)
  })
})
