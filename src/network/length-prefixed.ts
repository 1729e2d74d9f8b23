import { lpStream, type LengthPrefixedStream } from '@libp2p/utils'
import type { Uint8ArrayList } from 'uint8arraylist'

/**
 * The one way Parley frames a libp2p stream: an unsigned varint length, then
 * that many bytes (docs/PROTOCOL.md §1, "Framing of Parley's own streams"). `framedStream` is `lpStream` with a
 * length decoder of our own, for two reasons:
 *
 * - A length must fit in the bytes `maxDataLength` needs. The stock decoder
 *   cannot say "this will never be a valid length": it throws the same
 *   RangeError for "not finished yet" and for "too long", and `lpStream` keeps
 *   reading, one byte at a time, for as long as a peer sends continuation bytes
 *   (0x80 …) — memory and CPU for nothing. Here a length that is still going
 *   past its limit is an error that ends the stream.
 * - "Not finished yet" happens on every frame over 127 bytes. It is signalled
 *   with one shared RangeError (what `lpStream` waits for) instead of a new
 *   error with a stack trace per frame.
 */
export class FrameLengthError extends Error {
  override readonly name = 'FrameLengthError'
}

/** Bytes of a varint that can hold `max`. */
export function varintBytes(max: number): number {
  let bytes = 1
  for (let rest = Math.floor(max / 128); rest > 0; rest = Math.floor(rest / 128)) bytes += 1
  return bytes
}

/** Thrown, never built again, while a length is incomplete: lpStream reads another byte. */
const INCOMPLETE = new RangeError('length not complete yet')

/** A varint length decoder that refuses a length longer than `maxBytes` bytes or above `maxValue`. */
export function lengthDecoder(maxValue: number): (data: Uint8ArrayList) => number {
  const maxBytes = varintBytes(maxValue)
  return (data) => {
    let value = 0
    let scale = 1
    for (let i = 0; i < data.byteLength; i++) {
      if (i >= maxBytes) throw new FrameLengthError(`frame length longer than ${maxBytes} bytes`)
      const byte = data.get(i)
      value += (byte & 0x7f) * scale
      if (byte < 0x80) {
        if (value > maxValue) throw new FrameLengthError(`frame of ${value} bytes is over the ${maxValue}-byte limit`)
        return value
      }
      scale *= 128
    }
    if (data.byteLength >= maxBytes) throw new FrameLengthError(`frame length longer than ${maxBytes} bytes`)
    throw INCOMPLETE
  }
}

/** A stream of length-prefixed frames of at most `maxDataLength` bytes each. */
export function framedStream<S extends Parameters<typeof lpStream>[0]>(
  stream: S,
  maxDataLength: number,
): LengthPrefixedStream<S> {
  return lpStream(stream, { maxDataLength, lengthDecoder: lengthDecoder(maxDataLength) })
}
