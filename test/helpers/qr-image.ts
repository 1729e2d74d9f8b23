import encodeQR from 'qr'
import decodeQR from 'qr/decode.js'

/** Renders text as a QR code into an RGBA image (4 px per module, quiet zone), as a camera would see it. */
export function qrImage(text: string): { width: number; height: number; data: Uint8Array } {
  const modules = encodeQR(text, 'raw', { ecc: 'medium' })
  const scale = 4
  const border = 4
  const size = (modules.length + border * 2) * scale
  const data = new Uint8Array(size * size * 4).fill(255)
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + border) * scale + dy) * size + (x + border) * scale + dx) * 4
          data[offset] = 0
          data[offset + 1] = 0
          data[offset + 2] = 0
        }
      }
    })
  })
  return { width: size, height: size, data }
}

export function readQr(image: { width: number; height: number; data: Uint8Array }): string {
  return decodeQR(image)
}
