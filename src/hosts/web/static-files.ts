import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.js'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
}

const MAX_STATIC_FILE_BYTES = 32 * 1024 * 1024

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/**
 * Serves the built renderer from `root`. Only files inside `root`; unknown
 * paths get index.html (the renderer routes in memory); nothing is listed.
 */
export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<void> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    sendText(res, 400, 'bad path')
    return
  }
  const base = resolve(root)
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  let file = resolve(base, wanted)
  if (file !== base && !file.startsWith(base + sep)) {
    sendText(res, 403, 'forbidden')
    return
  }
  let info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) {
    if (extname(wanted) !== '') {
      sendText(res, 404, 'not found')
      return
    }
    file = resolve(base, 'index.html')
    info = await stat(file).catch(() => undefined)
    if (info === undefined) {
      sendText(res, 503, 'the renderer is not built: run "npm run build"')
      return
    }
  }
  if (info.size > MAX_STATIC_FILE_BYTES) {
    sendText(res, 413, 'file too large')
    return
  }
  const body = await readFile(file)
  const isHtml = extname(file) === '.html'
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
  })
  res.end(headOnly ? undefined : body)
}
