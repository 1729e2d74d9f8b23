import type { ApiEvent, EventName, EventPayloads, ParleyClient } from '../../src/api/index.js'

/**
 * Resolves with the first event of `name` matching `predicate`, or rejects
 * after `timeoutMs` with what was seen instead — no sleeping, no polling.
 */
export function waitForEvent<E extends EventName>(
  client: Pick<ParleyClient, 'subscribe'>,
  name: E,
  predicate: (payload: EventPayloads[E]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<EventPayloads[E]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = []
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`no ${name} event within ${timeoutMs} ms; saw: ${seen.join(', ') || 'nothing'}`))
    }, timeoutMs)
    const unsubscribe = client.subscribe((event: ApiEvent) => {
      seen.push(event.name)
      if (event.name === name && predicate(event.payload as EventPayloads[E])) {
        clearTimeout(timer)
        unsubscribe()
        resolve(event.payload as EventPayloads[E])
      }
    })
  })
}
