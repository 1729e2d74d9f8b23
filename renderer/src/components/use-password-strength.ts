import { useEffect, useState } from 'react'
import type { PasswordStrength } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'

/** Typing pauses this long before the core is asked again. */
const SETTLE_MS = 150

/**
 * The core's estimate of a new password (the same one `createAccount` and
 * `changePassword` apply), asked for once typing settles; undefined while
 * the password is empty or the first answer is on its way.
 */
export function usePasswordStrength(password: string, username: string): PasswordStrength | undefined {
  const client = useClient()
  const [answer, setAnswer] = useState<{ readonly for: string; readonly strength: PasswordStrength } | undefined>()
  useEffect(() => {
    if (password === '') return undefined
    let current = true
    const timer = setTimeout(() => {
      void client.invoke('estimatePassword', { password, username }).then((result) => {
        if (current && result.ok) setAnswer({ for: `${username}\n${password}`, strength: result.value })
      })
    }, SETTLE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, password, username])
  if (password === '') return undefined
  // an answer for what was typed before stands until the new one comes (the meter does not flicker)
  return answer?.strength
}
