import { BrowserWindow, dialog, shell, type WebContents } from 'electron'
import type { Logger } from '../src/core/logger.js'
import { isAllowedExternalUrl } from './external-links.js'

/**
 * Hand a link to the system (browser, mail client) only if its scheme is
 * allow-listed and the user confirms, seeing the whole URL first.
 */
export async function openExternalWithConsent(url: string, from: WebContents, logger: Logger): Promise<void> {
  if (!isAllowedExternalUrl(url)) {
    logger.warn('refused to open a link', { scheme: url.split(':', 1)[0]?.slice(0, 32) ?? '' })
    return
  }
  const options = {
    type: 'question' as const,
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    message: 'Open this link outside Parley?',
    detail: url,
  }
  const parent = BrowserWindow.fromWebContents(from)
  const { response } = await (parent === null ? dialog.showMessageBox(options) : dialog.showMessageBox(parent, options))
  if (response === 0) {
    await shell.openExternal(url)
  }
}
