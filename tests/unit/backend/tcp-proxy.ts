import type { AddressInfo, Socket } from 'node:net'
import { connect, createServer } from 'node:net'

/** A TCP relay that a test can cut (like a server going down) and restore on the same port. */
export type TcpProxy = {
  readonly port: number
  /** Stops listening and destroys every relayed connection, in both directions. */
  cut(): Promise<void>
  /** Listens again on the same port. */
  restore(): Promise<void>
}

/** Starts relaying a free local port to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: ReturnType<typeof createServer> | undefined
  let port = 0

  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host)
    const closeBoth = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', closeBoth)
      socket.on('close', closeBoth)
    }
    client.pipe(upstream)
    upstream.pipe(client)
  }

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer(relay)
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port
        server = next
        resolve()
      })
    })

  await listen()
  return {
    get port() {
      return port
    },
    async cut() {
      const stopping = server
      server = undefined
      for (const socket of sockets) socket.destroy()
      sockets.clear()
      await new Promise<void>((resolve) => (stopping ? stopping.close(() => resolve()) : resolve()))
    },
    restore: listen,
  }
}
