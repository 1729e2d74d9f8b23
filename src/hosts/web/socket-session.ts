import { timingSafeEqual } from 'node:crypto'
import type { WebSocket } from 'ws'
import {
  MAX_FRAME_BYTES,
  clientFrameSchema,
  dispatchCommand,
  type ApiError,
  type ApiEvent,
  type CommandHandlers,
  type ServerFrame,
} from '../../api/index.js'
import type { Logger } from '../../core/logger.js'

/** Close codes of the bridge (4000–4999 are the application's). */
export const CLOSE_UNAUTHORIZED = 4401
export const CLOSE_HELLO_TIMEOUT = 4408
export const CLOSE_TOO_MANY_ERRORS = 4429

const HELLO_TIMEOUT_MS = 5_000
/** Calls in flight on one socket; beyond this a call is refused, not queued. */
const MAX_PENDING_CALLS = 64
/** A client that keeps sending garbage is cut off after this many frame errors. */
const MAX_FRAME_ERRORS = 100

export interface SocketSessionOptions {
  readonly socket: WebSocket
  readonly secret: string
  readonly handlers: CommandHandlers
  readonly subscribe: (listener: (event: ApiEvent) => void) => () => void
  readonly logger: Logger
}

function secretsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * One browser tab's WebSocket: authenticate with the per-run secret, then
 * relay calls to the contract and push events. Every bad frame is answered
 * with an error frame; the session keeps serving.
 */
export function runSocketSession(options: SocketSessionOptions): void {
  const { socket, logger } = options
  let authenticated = false
  let pending = 0
  let frameErrors = 0
  let unsubscribe: (() => void) | undefined

  const send = (frame: ServerFrame): void => {
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify(frame))
    }
  }

  const frameError = (error: ApiError, id?: number): void => {
    frameErrors += 1
    send(id === undefined ? { type: 'error', error } : { type: 'error', id, error })
    if (frameErrors > MAX_FRAME_ERRORS) {
      socket.close(CLOSE_TOO_MANY_ERRORS, 'too many malformed frames')
    }
  }

  const refuse = (message: string): void => {
    send({ type: 'error', error: { code: 'UNAUTHORIZED', message } })
    socket.close(CLOSE_UNAUTHORIZED, 'unauthorized')
  }

  const helloTimer = setTimeout(() => {
    if (!authenticated) {
      refuse('no hello with the secret within 5 seconds')
    }
  }, HELLO_TIMEOUT_MS)

  socket.on('close', () => {
    clearTimeout(helloTimer)
    unsubscribe?.()
  })

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      frameError({ code: 'MALFORMED_FRAME', message: 'binary frames are not accepted; send JSON text' })
      return
    }
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength
    if (size > MAX_FRAME_BYTES) {
      frameError({
        code: 'FRAME_TOO_LARGE',
        message: `frame of ${size} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit`,
      })
      return
    }
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      frameError({ code: 'MALFORMED_FRAME', message: 'the frame is not valid JSON' })
      return
    }
    const parsed = clientFrameSchema.safeParse(json)
    if (!parsed.success) {
      const id =
        typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number' ? json.id : undefined
      frameError({ code: 'MALFORMED_FRAME', message: 'the frame is not a hello or call frame' }, id)
      return
    }
    const frame = parsed.data
    if (!authenticated) {
      if (frame.type !== 'hello' || !secretsMatch(options.secret, frame.secret)) {
        logger.warn('web client refused: wrong or missing secret')
        refuse(frame.type === 'hello' ? 'wrong secret' : 'send hello with the secret first')
        return
      }
      authenticated = true
      clearTimeout(helloTimer)
      unsubscribe = options.subscribe((event) => {
        send({ type: 'event', event })
      })
      send({ type: 'welcome' })
      return
    }
    if (frame.type === 'hello') {
      frameError({ code: 'MALFORMED_FRAME', message: 'already authenticated' })
      return
    }
    if (pending >= MAX_PENDING_CALLS) {
      frameError(
        { code: 'INTERNAL', message: `more than ${MAX_PENDING_CALLS} calls in flight; wait for results` },
        frame.id,
      )
      return
    }
    pending += 1
    void dispatchCommand(options.handlers, frame.command, frame.args).then((result) => {
      pending -= 1
      send({ type: 'result', id: frame.id, result })
    })
  })
}
