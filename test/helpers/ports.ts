import { createServer, type Server, type Socket } from 'node:net'

/**
 * Holds a TCP port on 127.0.0.1 so that nothing else can listen there (a
 * restarting peer must take another). `answer`: 'drop' closes whatever
 * connects; 'silent' accepts and says nothing, so a dial there hangs until its
 * own timeout, as one to a stale address would. Closed, sockets and all, at cleanup.
 */
export async function occupyPort(
  cleanups: (() => Promise<void>)[],
  port: number,
  answer: 'drop' | 'silent',
): Promise<Server> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    if (answer === 'drop') socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => {
          resolve()
        })
      }),
  )
  return server
}
