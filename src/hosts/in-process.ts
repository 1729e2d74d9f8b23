import { dispatchCommand, type ParleyClient, type Result } from '../api/index.js'
import type { Messenger } from '../core/messenger.js'

/**
 * The in-process host: the contract without a process boundary, for tests and
 * for embedding. It still runs every call through `dispatchCommand`, so the
 * validation is the same as over IPC or the WebSocket, and it deep-copies
 * values with structuredClone, as a real boundary would.
 */
export function createInProcessClient(messenger: Messenger): ParleyClient {
  return {
    async invoke(command, args) {
      const result = await dispatchCommand(messenger.handlers, command, structuredClone(args))
      return structuredClone(result) as Result<never>
    },
    subscribe: (listener) =>
      messenger.subscribe((event) => {
        listener(structuredClone(event))
      }),
  }
}
