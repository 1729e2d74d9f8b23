import type { ApiEvent } from '../api/index.js'

/** A tiny typed fan-out for contract events. Listener errors never reach the emitter. */
export interface EventHub {
  emit(event: ApiEvent): void
  subscribe(listener: (event: ApiEvent) => void): () => void
}

export function createEventHub(onListenerError: (err: unknown) => void): EventHub {
  const listeners = new Set<(event: ApiEvent) => void>()
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch (err) {
          onListenerError(err)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
