import { AVATAR_MAX_BYTES, type Avatar } from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'
import { bytesToBase64 } from '../lib/base64.js'

/**
 * Pictures are decoded here, in the sandboxed renderer, never in the core:
 * an untrusted image is turned into a small square JPEG that the core only
 * has to check the header of.
 */

export const AVATAR_SIZE = 256
/** Larger pictures are refused before they are decoded (a decompression bomb stops here). */
export const MAX_SOURCE_DIMENSION = 8000
/** The chosen file, before decoding. */
export const MAX_SOURCE_BYTES = 50 * 1024 * 1024
const JPEG_QUALITIES = [0.9, 0.82, 0.72, 0.6, 0.5, 0.4, 0.3] as const

/** What went wrong, in words for the person who chose the file. */
export class AvatarError extends Error {
  override readonly name = 'AvatarError'
}

/**
 * Loads the image far enough to know its size: an <img> that is not in the
 * document has its header read on load, its pixels only when drawn.
 */
async function withImage<T>(file: Blob, draw: (image: HTMLImageElement) => Promise<T>): Promise<T> {
  const url = URL.createObjectURL(file)
  try {
    const image = new Image()
    image.decoding = 'async'
    await new Promise<void>((resolve, reject) => {
      image.onload = () => {
        resolve()
      }
      image.onerror = () => {
        reject(new AvatarError(i18n.t('errors.avatar.notPicture')))
      }
      image.src = url
    })
    return await draw(image)
  } finally {
    URL.revokeObjectURL(url)
  }
}

function canvasOf(size: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  if (context === null) {
    throw new AvatarError(i18n.t('errors.avatar.noCanvas'))
  }
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  return [canvas, context]
}

/** The centre square of the image, scaled to `AVATAR_SIZE` in halving steps (sharper than one big jump). */
function cropAndScale(image: HTMLImageElement): HTMLCanvasElement {
  const { naturalWidth: width, naturalHeight: height } = image
  let side = Math.min(width, height)
  let source: CanvasImageSource = image
  let x = (width - side) / 2
  let y = (height - side) / 2
  while (side >= AVATAR_SIZE * 4) {
    const half = Math.round(side / 2)
    const [step, context] = canvasOf(half)
    context.drawImage(source, x, y, side, side, 0, 0, half, half)
    source = step
    side = half
    x = 0
    y = 0
  }
  const [canvas, context] = canvasOf(AVATAR_SIZE)
  // JPEG has no transparency: transparent pixels become white, not black
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, AVATAR_SIZE, AVATAR_SIZE)
  context.drawImage(source, x, y, side, side, 0, 0, AVATAR_SIZE, AVATAR_SIZE)
  return canvas
}

function encodeJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => {
        if (blob === null) {
          reject(new AvatarError(i18n.t('errors.avatar.notEncoded')))
        } else {
          resolve(blob)
        }
      },
      'image/jpeg',
      quality,
    )
  })
}

/** Decode, centre-crop, resize and re-encode a chosen file as the avatar the core accepts. */
export async function makeAvatar(file: File): Promise<Avatar> {
  if (file.type !== '' && !file.type.startsWith('image/')) {
    throw new AvatarError(i18n.t('errors.avatar.namedNotPicture', { name: file.name }))
  }
  if (file.size > MAX_SOURCE_BYTES) {
    throw new AvatarError(i18n.t('errors.avatar.tooLarge', { size: MAX_SOURCE_BYTES / (1024 * 1024) }))
  }
  return withImage(file, async (image) => {
    const { naturalWidth: width, naturalHeight: height } = image
    if (width === 0 || height === 0) {
      throw new AvatarError(i18n.t('errors.avatar.noSize'))
    }
    if (width > MAX_SOURCE_DIMENSION || height > MAX_SOURCE_DIMENSION) {
      throw new AvatarError(i18n.t('errors.avatar.tooBig', { width, height, max: MAX_SOURCE_DIMENSION }))
    }
    const canvas = cropAndScale(image)
    for (const quality of JPEG_QUALITIES) {
      const blob = await encodeJpeg(canvas, quality)
      if (blob.size <= AVATAR_MAX_BYTES) {
        const data = bytesToBase64(new Uint8Array(await blob.arrayBuffer()))
        return { mime: 'image/jpeg', data, width: AVATAR_SIZE, height: AVATAR_SIZE }
      }
    }
    throw new AvatarError(i18n.t('errors.avatar.notSmaller', { size: AVATAR_MAX_BYTES / 1024 }))
  })
}

export function avatarUrl(avatar: { readonly mime: string; readonly data: string }): string {
  return `data:${avatar.mime};base64,${avatar.data}`
}
