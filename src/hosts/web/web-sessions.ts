import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js'
import { TOKEN_PATTERN } from '../../api/index.js'

/**
 * The web host's sign-in: one-time links and the browser sessions they open.
 *
 * A link token (printed in the link's fragment) is exchanged once for a
 * session: a session ID (kept by the browser as an HttpOnly cookie, which page
 * scripts cannot read) and a page key (kept by the page in its own origin's
 * storage, which another port's pages cannot read). An upgrade to the API
 * must present both. Only SHA-256 hashes of tokens are kept, so a heap dump
 * or log of this map gives nothing to present.
 */
export interface BrowserSession {
  /** A random label for logs; never a credential. */
  readonly label: string
}

export type Redemption =
  | { readonly ok: true; readonly session: BrowserSession; readonly sessionId: string; readonly pageKey: string }
  /** `used`: this link opened a session already. `unknown`: not a link of this run (or mistyped). */
  | { readonly ok: false; readonly reason: 'used' | 'unknown' }

export interface WebSessions {
  /** A new link token, valid once. */
  newLink(): string
  redeem(linkToken: string): Redemption
  /** The session whose ID is one of `sessionIds` (cookie values) and whose page key is `pageKey`. */
  find(sessionIds: readonly string[], pageKey: string | undefined): BrowserSession | undefined
  count(): { readonly links: number; readonly sessions: number }
}

export interface WebSessionsOptions {
  /** Called for a session pushed out by newer ones, so its sockets can be closed. */
  readonly onEnded?: (session: BrowserSession) => void
  readonly limits?: Partial<WebSessionLimits>
}

export interface WebSessionLimits {
  /** Links printed and not yet used; making one more drops the oldest. */
  readonly openLinks: number
  /** Used links remembered, to tell "already used" from "not a link of this run". */
  readonly usedLinks: number
  /** Browser sessions at once; a new one ends the oldest. */
  readonly sessions: number
}

export const DEFAULT_SESSION_LIMITS: WebSessionLimits = { openLinks: 8, usedLinks: 256, sessions: 16 }

interface StoredSession {
  readonly session: BrowserSession
  readonly pageKeyHash: string
}

export function newToken(): string {
  return Buffer.from(randomBytes(32)).toString('base64url')
}

function hashOf(token: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(token)))
}

/** Insert into an insertion-ordered collection, dropping the oldest beyond `max`. */
function capped<K, V>(map: Map<K, V>, key: K, value: V, max: number): V[] {
  map.set(key, value)
  const dropped: V[] = []
  for (const [oldest, old] of map) {
    if (map.size <= max) break
    map.delete(oldest)
    dropped.push(old)
  }
  return dropped
}

export function createWebSessions(options: WebSessionsOptions): WebSessions {
  const limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits }
  /** Hashes of links not yet used, oldest first. */
  const openLinks = new Map<string, true>()
  const usedLinks = new Map<string, true>()
  /** hash of the session ID → session */
  const sessions = new Map<string, StoredSession>()

  return {
    newLink() {
      const token = newToken()
      capped(openLinks, hashOf(token), true, limits.openLinks)
      return token
    },

    redeem(linkToken) {
      if (!TOKEN_PATTERN.test(linkToken)) return { ok: false, reason: 'unknown' }
      const hash = hashOf(linkToken)
      if (!openLinks.delete(hash)) return { ok: false, reason: usedLinks.has(hash) ? 'used' : 'unknown' }
      capped(usedLinks, hash, true, limits.usedLinks)
      const sessionId = newToken()
      const pageKey = newToken()
      const session: BrowserSession = { label: newToken().slice(0, 8) }
      const ended = capped(sessions, hashOf(sessionId), { session, pageKeyHash: hashOf(pageKey) }, limits.sessions)
      for (const old of ended) options.onEnded?.(old.session)
      return { ok: true, session, sessionId, pageKey }
    },

    find(sessionIds, pageKey) {
      if (pageKey === undefined || !TOKEN_PATTERN.test(pageKey)) return undefined
      const pageKeyHash = hashOf(pageKey)
      for (const id of sessionIds) {
        if (!TOKEN_PATTERN.test(id)) continue
        // the lookup is by hash, so its timing says nothing about a stored token
        const stored = sessions.get(hashOf(id))
        if (stored?.pageKeyHash === pageKeyHash) return stored.session
      }
      return undefined
    },

    count: () => ({ links: openLinks.size, sessions: sessions.size }),
  }
}
