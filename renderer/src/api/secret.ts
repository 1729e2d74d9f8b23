/**
 * The web host's per-run secret travels in the URL fragment
 * (`http://127.0.0.1:PORT/#secret=…`), which browsers never send to a server.
 * We move it into sessionStorage (so reloading the tab still works, and it
 * dies with the tab) and take it out of the address bar at once.
 */

export const SECRET_STORAGE_KEY = 'parley.secret'
const MAX_SECRET_LENGTH = 256

function secretFromHash(hash: string): string | undefined {
  const secret = new URLSearchParams(hash.replace(/^#/, '')).get('secret')
  return secret === null || secret === '' || secret.length > MAX_SECRET_LENGTH ? undefined : secret
}

function readStored(): string | undefined {
  try {
    return sessionStorage.getItem(SECRET_STORAGE_KEY) ?? undefined
  } catch {
    return undefined
  }
}

function store(secret: string): void {
  try {
    sessionStorage.setItem(SECRET_STORAGE_KEY, secret)
  } catch {
    // Storage disabled: the secret still works until the tab is reloaded.
  }
}

/** Read the secret (fragment first, then this tab's storage) and scrub the fragment. */
export function takeSecret(): string | undefined {
  const hash = window.location.hash
  if (/(^#|&)secret=/.test(hash)) {
    const { pathname, search } = window.location
    window.history.replaceState(window.history.state, '', `${pathname}${search}`)
  }
  const fromHash = secretFromHash(hash)
  if (fromHash !== undefined) {
    store(fromHash)
    return fromHash
  }
  return readStored()
}

/** Drop a secret the host refused, so a reload shows the "open the link" screen. */
export function forgetSecret(): void {
  try {
    sessionStorage.removeItem(SECRET_STORAGE_KEY)
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/**
 * Opening a new link in the same tab changes only the fragment, which does not
 * reload the page: reload it, so the new secret is read and scrubbed as above.
 */
export function reloadOnNewLink(): void {
  window.addEventListener('hashchange', () => {
    if (secretFromHash(window.location.hash) !== undefined) {
      window.location.reload()
    }
  })
}
