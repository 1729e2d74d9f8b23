import { dispatchCommand, type ApiEvent, type ParleyClient, type Result } from '../api/index.js'
import type { Messenger } from '../core/messenger.js'

/**
 * The in-process host: the contract without a process boundary, for tests and
 * for embedding. It still runs every call through `dispatchCommand`, so the
 * validation is the same as over IPC or the WebSocket, and it deep-copies
 * values with structuredClone, as a real boundary would.
 */
export function createInProcessClient(messenger: Messenger): ParleyClient {
  // like a renderer: one subscription across the boundary, one copy of each
  // event, handed to every listener on this side
  const listeners = new Set<(event: ApiEvent) => void>()
  let unsubscribe: (() => void) | undefined
  return {
    async invoke(command, args) {
      const result = await dispatchCommand(messenger.handlers, command, structuredClone(args))
      return structuredClone(result) as Result<never>
    },
    subscribe(listener) {
      listeners.add(listener)
      unsubscribe ??= messenger.subscribe((event) => {
        const copy = structuredClone(event)
        let failure: { readonly err: unknown } | undefined
        for (const each of [...listeners]) {
          try {
            each(copy)
          } catch (err) {
            failure ??= { err } // the others still get it; the messenger reports the first
          }
        }
        if (failure !== undefined) throw failure.err
      })
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          unsubscribe?.()
          unsubscribe = undefined
        }
      }
    },
  }
}
