import { AVATAR_MAX_BYTES, AVATAR_MAX_DIMENSION, type Avatar } from '../api/index.js'
import { fromBase64 } from '../crypto/bytes.js'

/**
 * The core never decodes images (that happens in the sandboxed renderer); it
 * checks that an avatar is what it claims by reading the container header
 * only: the format's signature and the pixel dimensions, which must match
 * what was declared and stay within the limits.
 */
export interface ImageHeader {
  readonly mime: Avatar['mime']
  readonly width: number
  readonly height: number
}

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
}
function u32be(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) >>> 0) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))
}
function u16le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)
}
function u24le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16)
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function readPng(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 33 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return undefined
  if (String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined
  return { mime: 'image/png', width: u32be(b, 16), height: u32be(b, 20) }
}

function readJpeg(b: Uint8Array): ImageHeader | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let i = 2
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1] ?? 0
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2
      continue
    }
    const length = u16be(b, i + 2)
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mime: 'image/jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) }
    }
    if (length < 2) return undefined
    i += 2 + length
  }
  return undefined
}

function readWebp(b: Uint8Array): ImageHeader | undefined {
  const tag = (i: number): string => String.fromCharCode(...b.subarray(i, i + 4))
  if (b.length < 30 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') return undefined
  switch (tag(12)) {
    case 'VP8 ':
      return { mime: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
    case 'VP8L': {
      const bits = u32be(Uint8Array.of(b[24] ?? 0, b[23] ?? 0, b[22] ?? 0, b[21] ?? 0), 0)
      return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
    }
    case 'VP8X':
      return { mime: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
    default:
      return undefined
  }
}

export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  return readPng(bytes) ?? readJpeg(bytes) ?? readWebp(bytes)
}

/** Returns the decoded bytes of a valid avatar, or throws with what is wrong. */
export function checkAvatar(avatar: Avatar): Uint8Array {
  let bytes: Uint8Array
  try {
    bytes = fromBase64(avatar.data)
  } catch {
    throw new Error('the picture is not valid base64')
  }
  if (bytes.length > AVATAR_MAX_BYTES) throw new Error(`the picture is larger than ${AVATAR_MAX_BYTES / 1024} KiB`)
  const header = readImageHeader(bytes)
  if (header === undefined) throw new Error('the picture is not a PNG, JPEG or WebP image')
  if (header.mime !== avatar.mime) throw new Error(`the picture is ${header.mime}, not ${avatar.mime}`)
  if (header.width !== avatar.width || header.height !== avatar.height) {
    throw new Error('the picture size does not match its header')
  }
  if (header.width > AVATAR_MAX_DIMENSION || header.height > AVATAR_MAX_DIMENSION) {
    throw new Error(`the picture is larger than ${AVATAR_MAX_DIMENSION}×${AVATAR_MAX_DIMENSION} pixels`)
  }
  return bytes
}
