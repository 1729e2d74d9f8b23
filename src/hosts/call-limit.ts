import { MAX_CALLS_IN_FLIGHT, fail, type Result } from '../api/index.js'

/**
 * Calls in flight from one caller (a web socket, an Electron window). Beyond
 * the limit a call is answered at once with BUSY — an ordinary result, not a
 * protocol error — so an honest burst is slowed down, never cut off.
 */
export interface CallLimit {
  run(call: () => Promise<Result<unknown>>): Promise<Result<unknown>>
  inFlight(): number
}

export function createCallLimit(max: number = MAX_CALLS_IN_FLIGHT): CallLimit {
  let inFlight = 0
  return {
    async run(call) {
      if (inFlight >= max) {
        return fail('BUSY', `more than ${max} calls in flight: wait for some results, then try again`)
      }
      inFlight += 1
      try {
        return await call()
      } finally {
        inFlight -= 1
      }
    },
    inFlight: () => inFlight,
  }
}
