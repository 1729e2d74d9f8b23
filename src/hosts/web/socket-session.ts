import type { WebSocket } from 'ws'
import {
  CLOSE_NOT_READING,
  CLOSE_TOO_MANY_ERRORS,
  MAX_FRAME_BYTES,
  clientFrameSchema,
  dispatchCommand,
  type ApiError,
  type CommandHandlers,
  type ServerFrame,
} from '../../api/index.js'
import type { Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'
import { createCallLimit } from '../call-limit.js'

/** A client that keeps sending garbage is cut off after this many frame errors. */
const MAX_FRAME_ERRORS = 100
/**
 * Unread data a socket may have waiting on our side. Checked before every
 * send: a page that stops reading is disconnected once it is over, so it
 * cannot grow the host's memory without bound. Above the largest answer an
 * honest page can ask for (a page of 200 messages of 8,000 characters), so
 * one big result followed by an event does not cut a page off.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
/** After the close frame, how long a client that does not read gets before the connection is cut. */
const CLOSE_GRACE_MS = 1_000

export interface SocketSessionOptions {
  /** Already authenticated: the upgrade carried a valid browser session. */
  readonly socket: WebSocket
  readonly handlers: CommandHandlers
  readonly logger: Logger
  readonly clock: Clock
  /** Unread bytes allowed to wait before the client counts as not reading (MAX_BUFFERED_BYTES by default in the host). */
  readonly maxBufferedBytes: number
}

export interface SocketSession {
  /** Send an already serialised server frame (events are serialised once for every socket). */
  sendText(text: string): void
}

/**
 * One browser tab's WebSocket: welcome, then relay calls to the contract and
 * push events. Every bad frame is answered with an error frame and the session
 * keeps serving; calls beyond the in-flight limit are answered BUSY.
 */
export function runSocketSession(options: SocketSessionOptions): SocketSession {
  const { socket, logger } = options
  const maxBuffered = options.maxBufferedBytes
  const calls = createCallLimit()
  let frameErrors = 0
  let cutting = false

  const notReading = (): void => {
    if (cutting) return
    cutting = true
    logger.warn('web client is not reading: disconnected', { buffered: socket.bufferedAmount })
    socket.close(CLOSE_NOT_READING, 'not reading: too much unread data')
    // the close frame waits behind what is unread; a client that reads gets it, the memory goes either way
    const cancel = options.clock.setTimeout(() => {
      socket.terminate()
    }, CLOSE_GRACE_MS)
    socket.once('close', cancel)
  }

  const sendText = (text: string): void => {
    if (socket.readyState !== socket.OPEN || cutting) return
    if (socket.bufferedAmount > maxBuffered) {
      notReading()
      return
    }
    socket.send(text)
  }
  const send = (frame: ServerFrame): void => {
    sendText(JSON.stringify(frame))
  }

  const frameError = (error: ApiError, id?: number): void => {
    frameErrors += 1
    send(id === undefined ? { type: 'error', error } : { type: 'error', id, error })
    if (frameErrors > MAX_FRAME_ERRORS) {
      socket.close(CLOSE_TOO_MANY_ERRORS, 'too many malformed frames')
    }
  }

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
      frameError({ code: 'MALFORMED_FRAME', message: 'the frame is not a call frame' }, id)
      return
    }
    const frame = parsed.data
    void calls
      .run(() => dispatchCommand(options.handlers, frame.command, frame.args))
      .then((result) => {
        send({ type: 'result', id: frame.id, result })
      })
  })

  send({ type: 'welcome' })
  return { sendText }
}
