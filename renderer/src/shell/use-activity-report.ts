import { useEffect } from 'react'
import { useClient } from '../api/client-context.js'

/** At most one report per this long: the core's idle count is in minutes. */
const REPORT_EVERY_MS = 20_000
const USE_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const

/**
 * Tells the core that someone is using the app (a key press, a click, a
 * scroll), so an auto-lock counts from the last real use — not from the
 * calls the app makes by itself.
 */
export function useActivityReport(): void {
  const client = useClient()
  useEffect(() => {
    let last = 0
    const used = (): void => {
      const now = Date.now()
      if (now - last < REPORT_EVERY_MS) return
      last = now
      void client.invoke('reportActivity', {})
    }
    for (const name of USE_EVENTS) window.addEventListener(name, used, { passive: true, capture: true })
    return () => {
      for (const name of USE_EVENTS) window.removeEventListener(name, used, { capture: true })
    }
  }, [client])
}
