import {
  LINK_FRAGMENT_KEY,
  PAGE_KEY_HEADER,
  SESSION_PATH,
  TOKEN_PATTERN,
  type SessionGrant,
} from '../../../src/api/index.js'

/**
 * Signing in to the web host (docs/PROTOCOL.md §2). The printed link carries
 * a one-time token in its fragment (`#link=…`), which browsers never send to
 * a server. The page takes it out of the address bar at once, then trades it
 * for a browser session: an HttpOnly cookie the page cannot read, and a page
 * key it keeps in this origin's storage. Reloads and new tabs of this browser
 * reuse the session; a second use of the link is refused.
 */

export const PAGE_KEY_STORAGE_KEY = 'parley.pageKey'

export type SignIn =
  | { readonly kind: 'signed-in'; readonly pageKey: string }
  /** No link and no session in this browser. */
  | { readonly kind: 'missing' }
  /** The link was used already (by another browser, or before its session here ended). */
  | { readonly kind: 'used' }
  /** Not a link of the Parley running now (it restarted, or the link was cut short). */
  | { readonly kind: 'invalid' }
  /** This browser's session is over (Parley restarted or signed it out). */
  | { readonly kind: 'ended' }
  /** Parley did not answer. */
  | { readonly kind: 'unreachable' }

export type SessionCheck = 'valid' | 'invalid' | 'unreachable'

/** Reads the link token from the fragment and removes it from the address bar (and this history entry). */
export function takeLinkToken(): string | undefined {
  const hash = window.location.hash
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get(LINK_FRAGMENT_KEY)
  if (token !== null) {
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', `${pathname}${search}`)
  }
  return token === null || token === '' ? undefined : token
}

function storedPageKey(): string | undefined {
  try {
    const key = localStorage.getItem(PAGE_KEY_STORAGE_KEY)
    return key !== null && TOKEN_PATTERN.test(key) ? key : undefined
  } catch {
    return undefined
  }
}

function storePageKey(key: string): void {
  try {
    localStorage.setItem(PAGE_KEY_STORAGE_KEY, key)
  } catch {
    // Storage disabled: this tab stays signed in until it is reloaded.
  }
}

/** Forget a page key the host no longer accepts. */
export function forgetPageKey(): void {
  try {
    localStorage.removeItem(PAGE_KEY_STORAGE_KEY)
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** Is this browser's session (cookie + page key) still valid? */
export async function checkSession(pageKey: string): Promise<SessionCheck> {
  try {
    const res = await fetch(SESSION_PATH, { headers: { [PAGE_KEY_HEADER]: pageKey }, cache: 'no-store' })
    if (res.status === 204) return 'valid'
    return res.status === 401 || res.status === 403 ? 'invalid' : 'unreachable'
  } catch {
    return 'unreachable'
  }
}

/** A stored session that still works, or what to say when there is none. */
async function existingSession(otherwise: SignIn): Promise<SignIn> {
  const stored = storedPageKey()
  if (stored === undefined) return otherwise
  const check = await checkSession(stored)
  if (check === 'valid') return { kind: 'signed-in', pageKey: stored }
  if (check === 'unreachable') return { kind: 'unreachable' }
  forgetPageKey()
  return otherwise
}

async function redeem(linkToken: string): Promise<SignIn> {
  let res: Response
  try {
    res = await fetch(SESSION_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link: linkToken }),
      cache: 'no-store',
    })
  } catch {
    return { kind: 'unreachable' }
  }
  if (res.status === 201) {
    const grant = (await res.json().catch(() => undefined)) as Partial<SessionGrant> | undefined
    if (typeof grant?.pageKey !== 'string' || !TOKEN_PATTERN.test(grant.pageKey)) return { kind: 'unreachable' }
    storePageKey(grant.pageKey)
    return { kind: 'signed-in', pageKey: grant.pageKey }
  }
  // the link of a session this browser holds still opens it (someone clicking the link again)
  if (res.status === 410) return existingSession({ kind: 'used' })
  if (res.status === 401) return existingSession({ kind: 'invalid' })
  return { kind: 'unreachable' }
}

/** With a link: trade it for a session. Without: the session this browser has, if any. */
export function signIn(linkToken: string | undefined): Promise<SignIn> {
  if (linkToken !== undefined) return redeem(linkToken)
  return storedPageKey() === undefined ? Promise.resolve({ kind: 'missing' }) : existingSession({ kind: 'ended' })
}

/**
 * Opening a new link in the same tab changes only the fragment, which does not
 * reload the page: reload it, so the new link is read and traded as above.
 */
export function reloadOnNewLink(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.replace(/^#/, '')).has(LINK_FRAGMENT_KEY)) {
      window.location.reload()
    }
  })
}
