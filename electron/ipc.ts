import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { dispatchCommand, fail, type Result } from '../src/api/index.js'
import type { Logger } from '../src/core/logger.js'
import type { Messenger } from '../src/core/messenger.js'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.js'
import { isAppUrl, isTrustedSender } from './trusted-sender.js'

export interface IpcBinding {
  readonly messenger: Pick<Messenger, 'handlers' | 'subscribe'>
  /** The URL the main window loads; senders and event receivers must show it. */
  readonly appUrl: string
  readonly logger: Logger
}

function senderIsTrusted(event: IpcMainInvokeEvent, appUrl: string): boolean {
  const frame = event.senderFrame
  return (
    BrowserWindow.fromWebContents(event.sender) !== null &&
    isTrustedSender({ frameUrl: frame?.url, isMainFrame: frame !== null && frame === event.sender.mainFrame, appUrl })
  )
}

/**
 * Map the API contract onto one invoke channel and one event channel.
 * Every call is checked for its sender, then `dispatchCommand` validates the
 * arguments and wraps the outcome in a Result; nothing here throws to the renderer.
 * Returns the function that unbinds both.
 */
export function bindIpc({ messenger, appUrl, logger }: IpcBinding): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, command: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!senderIsTrusted(event, appUrl)) {
      logger.warn('refused a call from an untrusted sender', { url: event.senderFrame?.url ?? null })
      return fail('UNAUTHORIZED', 'calls are accepted only from the main frame of a Parley window')
    }
    return dispatchCommand(messenger.handlers, command, args)
  })

  const unsubscribe = messenger.subscribe((apiEvent) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents
      // a window that somehow left our page hears nothing
      if (!contents.isDestroyed() && isAppUrl(contents.getURL(), appUrl)) {
        contents.send(EVENT_CHANNEL, apiEvent)
      }
    }
  })

  return () => {
    unsubscribe()
    ipcMain.removeHandler(INVOKE_CHANNEL)
  }
}
