/**
 * Which links may leave the app for the system's browser or mail client.
 * Pure (no electron import) so it is unit-tested in plain Node.
 */

/** Schemes handed to `shell.openExternal`; everything else (http:, file:, javascript:, custom schemes) is refused. */
export const EXTERNAL_PROTOCOLS: ReadonlySet<string> = new Set(['https:', 'mailto:'])

/** Longer URLs are refused: no real link needs more, and the OS handlers get a bounded string. */
export const MAX_EXTERNAL_URL_LENGTH = 2048

export function isAllowedExternalUrl(url: string): boolean {
  if (url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) {
    return false
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) {
    return false
  }
  if (parsed.protocol === 'https:') {
    // a host is required, and credentials in a link are a phishing device (https://bank.example@evil.example)
    return parsed.hostname !== '' && parsed.username === '' && parsed.password === ''
  }
  return parsed.pathname !== ''
}
