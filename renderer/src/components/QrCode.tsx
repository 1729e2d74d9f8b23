import encodeQR from 'qr'
import { useMemo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface QrCodeProps {
  readonly text: string
  /** The accessible name, e.g. "Invite QR code". */
  readonly label: string
  /** Width and height in CSS pixels. */
  readonly size?: number
}

/** Extra light modules around the code's own border: scanners want a quiet zone of four. */
const MARGIN = 2

/** One path of horizontal runs of dark modules: small, and no markup from strings. */
function modulesPath(matrix: readonly (readonly boolean[])[]): string {
  const parts: string[] = []
  matrix.forEach((row, y) => {
    let x = 0
    while (x < row.length) {
      if (row[x] !== true) {
        x += 1
        continue
      }
      let run = 1
      while (row[x + run] === true) {
        run += 1
      }
      parts.push(`M${x + MARGIN} ${y + MARGIN}h${run}v1h-${run}z`)
      x += run
    }
  })
  return parts.join('')
}

/**
 * A QR code drawn as SVG from the encoder's module matrix. Dark on white in
 * both themes: scanners need the contrast the right way round.
 */
export function QrCode({ text, label, size = 240 }: QrCodeProps): ReactNode {
  const { t } = useTranslation()
  const drawn = useMemo(() => {
    try {
      const matrix = encodeQR(text, 'raw', { ecc: 'medium' })
      return { side: matrix.length + 2 * MARGIN, path: modulesPath(matrix) }
    } catch {
      return undefined
    }
  }, [text])
  if (drawn === undefined) {
    return <p className="muted">{t('common.qrTooLong')}</p>
  }
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${drawn.side} ${drawn.side}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={drawn.side} height={drawn.side} fill="#ffffff" />
      <path d={drawn.path} fill="#000000" />
    </svg>
  )
}
