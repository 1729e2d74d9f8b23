import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppInfo } from '../../../src/api/index.js'
import { useClient, useConnectionState } from '../api/client-context.js'

/** Name, version and host of the core that serves this page, in small print. */
export function AppInfoFooter(): ReactNode {
  const { t } = useTranslation()
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
      {info.name} {info.version} · {t(`common.host.${info.host}`)}
    </p>
  )
}
