import type { LockSettings } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import type { Cancel, Clock } from './clock.js'

const LOCK_SETTINGS_RECORD = 'settings/lock'
const NEVER: LockSettings = { autoLockMinutes: 0 }

type Store = UnlockedAccount['store']

/** The account's auto-lock choice, from its encrypted store (anything malformed: never). */
export async function loadLockSettings(store: Store): Promise<LockSettings> {
  const saved = (await store.getJson(LOCK_SETTINGS_RECORD)) as { autoLockMinutes?: unknown } | undefined
  const minutes = saved?.autoLockMinutes
  return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0 ? { autoLockMinutes: minutes } : NEVER
}

export async function saveLockSettings(store: Store, settings: LockSettings): Promise<void> {
  await store.putJson(LOCK_SETTINGS_RECORD, settings)
}

/**
 * Locks the open account after a time without use. Use is what the windows
 * report (`reportActivity`: keys, clicks), not the calls they make on their
 * own (refreshes, read marks), so an app left open on a screen still locks.
 * It lives in the core, not in a window: with no window open (the web host
 * with its tab closed) the account still locks.
 */
export interface AutoLock {
  /** Starts counting for the account just opened (0 minutes: never). */
  arm(accountId: string, minutes: number): void
  /** Someone used the app: the count starts again. */
  activity(): void
  /** The account closed: nothing to count. */
  disarm(): void
}

export function createAutoLock(clock: Clock, idle: (accountId: string) => void): AutoLock {
  let armed: { readonly accountId: string; readonly ms: number } | undefined
  let lastUse = 0
  let cancel: Cancel = () => undefined
  const check = (): void => {
    const current = armed
    if (current === undefined) return
    const quiet = clock.now() - lastUse
    if (quiet >= current.ms) {
      armed = undefined
      idle(current.accountId)
    } else {
      // one timer, moved only when it fires: activity itself costs nothing
      cancel = clock.setTimeout(check, current.ms - quiet)
    }
  }
  return {
    arm(accountId, minutes) {
      cancel()
      armed = minutes > 0 ? { accountId, ms: minutes * 60_000 } : undefined
      lastUse = clock.now()
      if (armed !== undefined) cancel = clock.setTimeout(check, armed.ms)
    },
    activity() {
      lastUse = clock.now()
    },
    disarm() {
      cancel()
      armed = undefined
    },
  }
}
