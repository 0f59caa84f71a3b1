import { AsyncLocalStorage } from 'node:async_hooks'

const readerIp = new AsyncLocalStorage<string>()

/**
 * Runs `handle` knowing the reader's address, so `authorize()` can pass it on to the backend:
 * NextAuth hands `authorize()` the request's headers but not its socket.
 */
export function runForReader<T>(ip: string, handle: () => Promise<T>): Promise<T> {
  return readerIp.run(ip, handle)
}

/** The address of the reader this request serves, if the auth route recorded one. */
export function currentReaderIp(): string | undefined {
  return readerIp.getStore()
}
