import { app, type WebContents } from 'electron'
import type { Logger } from '../src/core/logger.js'
import { openExternalWithConsent } from './open-external.js'
import { isAppUrl } from './trusted-sender.js'

/**
 * Applied to every web contents the app ever creates: no new windows (allowed
 * links go to the system after confirmation), no navigation away from our page,
 * no <webview>.
 */
export function guardAllWebContents(appUrl: string, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, appUrl, logger)
  })
}

function guardWebContents(contents: WebContents, appUrl: string, logger: Logger): void {
  const openOutside = (url: string): void => {
    openExternalWithConsent(url, contents, logger).catch((err: unknown) => {
      logger.error('opening a link failed', { error: err })
    })
  }

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })

  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, appUrl)) {
      event.preventDefault()
      openOutside(event.url)
    }
  })

  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) {
      event.preventDefault()
    }
  })

  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('refused to attach a webview')
  })
}
