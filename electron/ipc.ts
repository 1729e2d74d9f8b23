import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { dispatchCommand, fail, type Result } from '../src/api/index.js'
import type { Logger } from '../src/core/logger.js'
import type { Messenger } from '../src/core/messenger.js'
import { createCallLimit, type CallLimit } from '../src/hosts/call-limit.js'
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
 * Each window has the web host's limit on calls in flight (a compromised
 * renderer gets BUSY, it cannot pile up work); the password KDF's queue is in the core.
 * Returns the function that unbinds both.
 */
export function bindIpc({ messenger, appUrl, logger }: IpcBinding): () => void {
  const limits = new Map<WebContents, CallLimit>()
  const limitOf = (sender: WebContents): CallLimit => {
    let limit = limits.get(sender)
    if (limit === undefined) {
      limit = createCallLimit()
      limits.set(sender, limit)
      sender.once('destroyed', () => limits.delete(sender))
    }
    return limit
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event, command: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!senderIsTrusted(event, appUrl)) {
      logger.warn('refused a call from an untrusted sender', { url: event.senderFrame?.url ?? null })
      return fail('UNAUTHORIZED', 'calls are accepted only from the main frame of a Parley window')
    }
    return limitOf(event.sender).run(() => dispatchCommand(messenger.handlers, command, args))
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
