import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { API_PROTOCOL, PAGE_KEY_PROTOCOL_PREFIX } from '../../src/api/index.js'
import type { Credentials } from './web-client.js'

/** A plain TCP connection to the host, open. */
export function rawConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

/** Resolves when the socket has closed (for whatever reason). */
export function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve()
    else
      socket.once('close', () => {
        resolve()
      })
  })
}

/** A client → server WebSocket text frame (masked, as clients must; the zero mask keeps the bytes). */
export function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff])
  return Buffer.concat([header, Buffer.alloc(4), payload])
}

/**
 * A WebSocket opened by hand on a raw TCP socket, so that the test decides
 * when (and whether) to read: after the 101 the socket is paused.
 */
export async function rawWebSocket(port: number, origin: string, credentials: Credentials): Promise<Socket> {
  const socket = await rawConnection(port)
  socket.write(
    [
      'GET /api HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Protocol: ${API_PROTOCOL}, ${PAGE_KEY_PROTOCOL_PREFIX}${credentials.pageKey}`,
      `Origin: ${origin}`,
      `Cookie: ${credentials.cookie}`,
      '',
      '',
    ].join('\r\n'),
  )
  const head = await new Promise<string>((resolve, reject) => {
    let seen = ''
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1')
      if (seen.includes('\r\n\r\n')) {
        socket.off('data', onData)
        socket.pause()
        resolve(seen)
      }
    }
    socket.on('data', onData)
    socket.once('error', reject)
  })
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`)
  return socket
}

/** Writes until `stop` says so or the connection fails; respects the socket's own backpressure. */
export async function writeUntil(
  socket: Socket,
  chunk: Buffer,
  stop: () => boolean,
  maxChunks: number,
): Promise<number> {
  let written = 0
  const state = { failed: false }
  socket.once('error', () => {
    state.failed = true
  })
  socket.once('close', () => {
    state.failed = true
  })
  while (!stop() && !state.failed && written < maxChunks) {
    written += 1
    if (!socket.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off('drain', done)
          socket.off('close', done)
          resolve()
        }
        socket.once('drain', done)
        socket.once('close', done)
      })
    }
  }
  return written
}

let gc: (() => void) | undefined

/** Memory in use after a full collection: the JS heap and the buffers outside it. */
export async function memoryAfterGc(): Promise<number> {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    gc()
  }
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}
