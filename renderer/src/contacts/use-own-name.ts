import { useEffect, useState } from 'react'
import { useClient } from '../api/client-context.js'
import { useSession } from '../session/session-context.js'

/** Your display name as contacts see it; the username until the profile has arrived (or if it has none). */
export function useOwnName(): string {
  const client = useClient()
  const { account } = useSession()
  const [displayName, setDisplayName] = useState('')

  useEffect(() => {
    let current = true
    void client.invoke('getProfile', {}).then((result) => {
      if (current && result.ok) {
        setDisplayName(result.value.fields.displayName.trim())
      }
    })
    return () => {
      current = false
    }
  }, [client])

  return displayName === '' ? account.username : displayName
}
