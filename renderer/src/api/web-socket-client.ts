import {
  API_PROTOCOL,
  CLOSE_SESSION_ENDED,
  MAX_FRAME_BYTES,
  PAGE_KEY_PROTOCOL_PREFIX,
  checkCommandResult,
  fail,
  parseServerFrame,
  type ApiError,
  type ApiEvent,
  type ClientFrame,
  type Result,
  type ServerFrame,
} from '../../../src/api/index.js'
import type { ConnectionState, HostConnection } from './connection.js'
import type { RendererClient } from './renderer-client.js'
import type { SessionCheck } from './web-session.js'

export interface WebSocketClientOptions {
  /** ws(s)://host/api */
  readonly url: string
  /** This browser session's page key, offered as a subprotocol at the upgrade (the cookie goes by itself). */
  readonly pageKey: string
  /** Asked when a socket closes before the host's welcome: was it refused, or is the host away? */
  readonly checkSession: () => Promise<SessionCheck>
  /** Called once when the host no longer accepts this browser's session. */
  readonly onUnauthorized?: () => void
  readonly initialBackoffMs?: number
  readonly maxBackoffMs?: number
}

export interface WebSocketClient extends RendererClient {
  /** Close the socket for good; pending calls fail. */
  close(): void
}

type Settle = (result: Result<unknown>) => void

interface QueuedCall {
  readonly id: number
  readonly frame: string
  readonly settle: Settle
}

const encoder = new TextEncoder()

/**
 * The web host's client: one WebSocket, signed in at the upgrade, then
 * numbered calls answered by results, and pushed events. Calls made before
 * the host's `welcome` wait for it; every call still waiting when the socket
 * closes fails with a clear error. The socket is reopened with exponential
 * backoff unless the host no longer accepts this browser's session.
 */
export function createWebSocketClient(options: WebSocketClientOptions): WebSocketClient {
  const initialBackoffMs = options.initialBackoffMs ?? 250
  const maxBackoffMs = options.maxBackoffMs ?? 10_000

  const listeners = new Set<(event: ApiEvent) => void>()
  const stateListeners = new Set<() => void>()
  /** Sent, waiting for their result. */
  const inFlight = new Map<number, Settle>()
  /** Not sent yet: waiting for the host's welcome. */
  let queued: QueuedCall[] = []
  let state: ConnectionState = 'connecting'
  let socket: WebSocket | undefined
  let welcomed = false
  let attempt = 0
  let nextId = 1
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const setState = (next: ConnectionState): void => {
    if (state === next) {
      return
    }
    state = next
    for (const listener of [...stateListeners]) {
      listener()
    }
  }

  const emit = (event: ApiEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch (err) {
        // One faulty listener must not starve the others.
        reportError(err)
      }
    }
  }

  const failAll = (error: ApiError): void => {
    const waiting = [...inFlight.values(), ...queued.map((call) => call.settle)]
    inFlight.clear()
    queued = []
    for (const settle of waiting) {
      settle({ ok: false, error })
    }
  }

  const flushQueue = (open: WebSocket): void => {
    const calls = queued
    queued = []
    for (const call of calls) {
      inFlight.set(call.id, call.settle)
      open.send(call.frame)
    }
  }

  const handleFrame = (frame: ServerFrame): void => {
    switch (frame.type) {
      case 'welcome':
        welcomed = true
        attempt = 0
        setState('open')
        if (socket !== undefined) {
          flushQueue(socket)
        }
        return
      case 'result': {
        const settle = inFlight.get(frame.id)
        inFlight.delete(frame.id)
        settle?.(frame.result)
        return
      }
      case 'event':
        if (welcomed) {
          emit(frame.event)
        }
        return
      case 'error': {
        const settle = frame.id === undefined ? undefined : inFlight.get(frame.id)
        if (frame.id !== undefined && settle !== undefined) {
          inFlight.delete(frame.id)
          settle({ ok: false, error: frame.error })
        }
        return
      }
    }
  }

  const scheduleReconnect = (): void => {
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** attempt)
    attempt += 1
    // Jitter, so several tabs do not hammer a restarting host in step.
    const delay = base / 2 + Math.random() * (base / 2)
    setState('reconnecting')
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      connect()
    }, delay)
  }

  const signedOut = (): void => {
    failAll({
      code: 'UNAUTHORIZED',
      message: 'this browser is signed out of Parley: open a new link from parley web',
    })
    setState('unauthorized')
    options.onUnauthorized?.()
  }

  const handleClose = (closed: WebSocket, code: number, wasWelcomed: boolean): void => {
    if (socket !== closed) {
      return
    }
    socket = undefined
    welcomed = false
    if (state === 'closed') {
      return
    }
    failAll({
      code: 'DISCONNECTED',
      message: 'the connection to Parley closed before the answer arrived; reconnecting',
    })
    if (code === CLOSE_SESSION_ENDED) {
      signedOut()
      return
    }
    if (wasWelcomed) {
      scheduleReconnect()
      return
    }
    // closed before the welcome: the upgrade was refused (no status reaches a page) or the host is away
    void options.checkSession().then((check) => {
      if (state === 'closed') return
      if (check === 'invalid') signedOut()
      else scheduleReconnect()
    })
  }

  function connect(): void {
    let opened: WebSocket
    try {
      opened = new WebSocket(options.url, [API_PROTOCOL, `${PAGE_KEY_PROTOCOL_PREFIX}${options.pageKey}`])
    } catch {
      scheduleReconnect()
      return
    }
    socket = opened
    let wasWelcomed = false
    opened.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (socket !== opened) {
        return
      }
      const frame = parseServerFrame(message.data)
      if (frame !== undefined) {
        if (frame.type === 'welcome') wasWelcomed = true
        handleFrame(frame)
      }
    })
    opened.addEventListener('close', (event) => {
      handleClose(opened, event.code, wasWelcomed)
    })
  }

  const invoke = (command: string, args: unknown): Promise<Result<unknown>> => {
    if (state === 'unauthorized') {
      return Promise.resolve(
        fail('UNAUTHORIZED', 'this browser is signed out of Parley: open a new link from parley web'),
      )
    }
    if (state === 'closed') {
      return Promise.resolve(fail('DISCONNECTED', 'the connection to Parley was closed'))
    }
    const id = nextId++
    let frame: string
    try {
      const call: ClientFrame = { type: 'call', id, command, args: args ?? {} }
      frame = JSON.stringify(call)
    } catch {
      return Promise.resolve(fail('INVALID_ARGUMENTS', `${command}: the arguments cannot be sent as JSON`))
    }
    const size = encoder.encode(frame).byteLength
    if (size > MAX_FRAME_BYTES) {
      return Promise.resolve(
        fail('FRAME_TOO_LARGE', `${command}: ${size} bytes exceed the ${MAX_FRAME_BYTES}-byte limit`),
      )
    }
    return new Promise((resolve) => {
      // a value is checked against its command's schema: a malformed one becomes an INTERNAL failure
      const settle: Settle = (result) => {
        resolve(checkCommandResult(command, result))
      }
      if (welcomed && socket?.readyState === WebSocket.OPEN) {
        inFlight.set(id, settle)
        socket.send(frame)
      } else {
        queued.push({ id, frame, settle })
      }
    })
  }

  const connection: HostConnection = {
    getState: () => state,
    onStateChange: (listener) => {
      stateListeners.add(listener)
      return () => {
        stateListeners.delete(listener)
      }
    },
  }

  connect()

  return {
    invoke: invoke as WebSocketClient['invoke'],
    subscribe: (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    connection,
    close: () => {
      if (retryTimer !== undefined) {
        clearTimeout(retryTimer)
      }
      setState('closed')
      failAll({ code: 'DISCONNECTED', message: 'the connection to Parley was closed' })
      socket?.close(1000, 'closed by the page')
      socket = undefined
    },
  }
}
