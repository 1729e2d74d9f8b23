import decodeQR from 'qr/decode.js'
import { i18n } from '../i18n/i18n.js'

/** What went wrong, in words for the person who chose the file. */
class QrImageError extends Error {
  override readonly name = 'QrImageError'
}

/** The text of the code, or why there is none. */
export type QrRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string }

/** Larger files are refused before they are decoded. */
const MAX_FILE_BYTES = 30 * 1024 * 1024
const MAX_SOURCE_DIMENSION = 8000
/** Decoding works on at most this many pixels a side (a photo is scaled down). */
const MAX_DECODE_SIDE = 3000
/** A crisp screenshot of a code is scaled up to at least this, so its finder patterns are several pixels wide. */
const MIN_DECODE_SIDE = 600

function decodeSize(width: number, height: number): [number, number] {
  const longest = Math.max(width, height)
  const scale =
    longest > MAX_DECODE_SIDE
      ? MAX_DECODE_SIDE / longest
      : longest < MIN_DECODE_SIDE
        ? Math.ceil(MIN_DECODE_SIDE / longest)
        : 1
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))]
}

/**
 * Read the text of the QR code in a picture (a photo or a screenshot of the
 * other device's screen). Decoded here in the renderer, never in the core.
 */
export async function readQrImage(file: File): Promise<QrRead> {
  try {
    return { ok: true, text: await decodeFile(file) }
  } catch (err) {
    return { ok: false, message: err instanceof QrImageError ? err.message : i18n.t('errors.qr.unreadable') }
  }
}

async function decodeFile(file: File): Promise<string> {
  if (file.type !== '' && !file.type.startsWith('image/')) {
    throw new QrImageError(`"${file.name}" is not a picture. Choose a photo or a screenshot of the QR code.`)
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new QrImageError(i18n.t('errors.qr.tooLarge', { size: MAX_FILE_BYTES / (1024 * 1024) }))
  }
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new QrImageError(i18n.t('errors.qr.notPicture'))
  }
  try {
    if (bitmap.width > MAX_SOURCE_DIMENSION || bitmap.height > MAX_SOURCE_DIMENSION) {
      throw new QrImageError(
        i18n.t('errors.qr.tooBig', { width: bitmap.width, height: bitmap.height, max: MAX_SOURCE_DIMENSION }),
      )
    }
    const [width, height] = decodeSize(bitmap.width, bitmap.height)
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (context === null) {
      throw new QrImageError(i18n.t('errors.qr.noCanvas'))
    }
    // transparent pixels read as white, the light modules of a code without a background
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, width, height)
    context.imageSmoothingEnabled = width < bitmap.width
    context.drawImage(bitmap, 0, 0, width, height)
    try {
      return decodeQR(context.getImageData(0, 0, width, height), { effort: Infinity, timeLimit: 2000 })
    } catch {
      throw new QrImageError(i18n.t('errors.qr.noCode'))
    }
  } finally {
    bitmap.close()
  }
}
