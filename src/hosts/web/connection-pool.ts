import type { Duplex } from 'node:stream'

/**
 * TCP connections to the web host that have not become an authenticated
 * WebDuplex: page loads, sign-ins, refused upgrades — and whatever a hostile
 * local program opens and holds. Their number is capped, and at the cap the
 * oldest is dropped for the newcomer, so holding connections never locks the
 * real page out (it connects and sends its request at once; a holder is
 * always older) and never exhausts the process's file descriptors.
 */
export interface ConnectionPool {
  /** A new connection (the server's 'connection' event). */
  admit(socket: Duplex): void
  /** The connection became an authenticated WebDuplex: it no longer counts here. */
  release(socket: Duplex): void
  size(): number
  /** How many connections were dropped to make room (tests, logs). */
  dropped(): number
}

export function createConnectionPool(max: number, onDrop?: (socket: Duplex) => void): ConnectionPool {
  // a Set iterates in insertion order: the first entry is the oldest
  const sockets = new Set<Duplex>()
  let dropped = 0
  return {
    admit(socket) {
      while (sockets.size >= max) {
        const oldest = sockets.values().next().value
        if (oldest === undefined) break
        sockets.delete(oldest)
        dropped += 1
        onDrop?.(oldest)
        oldest.destroy()
      }
      sockets.add(socket)
      socket.once('close', () => sockets.delete(socket))
    },
    release(socket) {
      sockets.delete(socket)
    },
    size: () => sockets.size,
    dropped: () => dropped,
  }
}
