/**
 * The whole surface the page gets: `window.parley.invoke` and `window.parley.subscribe`.
 * Bundled to CommonJS (sandboxed preloads cannot load modules): see vite.preload.config.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { COMMAND_NAMES } from '../src/api/commands.js'
import type { ApiEvent } from '../src/api/events.js'
import { fail, type Result } from '../src/api/result.js'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.js'

/** The fixed allow-list: only the contract's commands ever reach IPC. */
const ALLOWED_COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES)

async function invoke(command: unknown, args: unknown): Promise<Result<unknown>> {
  if (typeof command !== 'string' || !ALLOWED_COMMANDS.has(command)) {
    const shown = typeof command === 'string' ? `"${command.slice(0, 64)}"` : typeof command
    return fail('UNKNOWN_COMMAND', `unknown command ${shown}`)
  }
  try {
    return (await ipcRenderer.invoke(INVOKE_CHANNEL, command, args)) as Result<unknown>
  } catch (err) {
    // e.g. arguments that cannot be structured-cloned
    return fail('INTERNAL', `${command} could not be sent: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function subscribe(listener: unknown): () => void {
  if (typeof listener !== 'function') {
    throw new TypeError('subscribe expects a function')
  }
  const deliver = listener as (event: ApiEvent) => void
  // only the payload crosses into the page, never the IpcRendererEvent (it holds `sender`)
  const forward = (_event: IpcRendererEvent, payload: ApiEvent): void => {
    deliver(payload)
  }
  ipcRenderer.on(EVENT_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  }
}

contextBridge.exposeInMainWorld('parley', { invoke, subscribe })
