import {
  checkCommandResult,
  fail,
  parseApiEvent,
  resultSchema,
  type ApiEvent,
  type Result,
} from '../../../src/api/index.js'
import { ALWAYS_OPEN } from './connection.js'
import type { RendererClient } from './renderer-client.js'

/** What the Electron preload exposes as `window.parley` through contextBridge. */
export interface ParleyBridge {
  invoke(command: string, args: unknown): Promise<Result<unknown>>
  subscribe(listener: (event: ApiEvent) => void): () => void
}

function isBridge(value: unknown): value is ParleyBridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    'invoke' in value &&
    typeof value.invoke === 'function' &&
    'subscribe' in value &&
    typeof value.subscribe === 'function'
  )
}

/** The preload's bridge, when this page runs inside Parley's Electron window. */
export function findBridge(): ParleyBridge | undefined {
  const candidate: unknown = Reflect.get(window, 'parley')
  return isBridge(candidate) ? candidate : undefined
}

/** Wrap the preload's bridge as a client; it re-checks what crosses IPC. */
export function createBridgeClient(bridge: ParleyBridge): RendererClient {
  const invoke = async (command: string, args: unknown): Promise<Result<unknown>> => {
    try {
      const parsed = resultSchema.safeParse(await bridge.invoke(command, args))
      return parsed.success
        ? checkCommandResult(command, parsed.data)
        : fail('INTERNAL', `${command}: the Electron bridge returned a malformed result`)
    } catch (err) {
      return fail('INTERNAL', `${command}: ${err instanceof Error ? err.message : 'the Electron bridge failed'}`)
    }
  }
  return {
    invoke: invoke as RendererClient['invoke'],
    subscribe: (listener) =>
      bridge.subscribe((raw) => {
        const event = parseApiEvent(raw)
        if (event !== undefined) {
          listener(event)
        }
      }),
    connection: ALWAYS_OPEN,
  }
}
