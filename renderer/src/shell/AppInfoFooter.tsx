import { useEffect, useState, type ReactNode } from 'react'
import type { AppInfo } from '../../../src/api/index.js'
import { useClient, useConnectionState } from '../api/client-context.js'

const HOST_LABELS: Readonly<Record<AppInfo['host'], string>> = {
  electron: 'desktop app',
  web: 'web host',
  headless: 'headless node',
  'in-process': 'in-process',
}

/** Name, version and host of the core that serves this page, in small print. */
export function AppInfoFooter(): ReactNode {
  const client = useClient()
  const connection = useConnectionState()
  const [info, setInfo] = useState<AppInfo | undefined>(undefined)

  useEffect(() => {
    if (connection !== 'open') {
      return undefined
    }
    let current = true
    void client.invoke('getAppInfo', {}).then((result) => {
      if (current && result.ok) {
        setInfo(result.value)
      }
    })
    return () => {
      current = false
    }
  }, [client, connection])

  if (info === undefined) {
    return null
  }
  return (
    <p className="app-info" data-testid="app-info">
      {info.name} {info.version} · {HOST_LABELS[info.host]}
    </p>
  )
}
