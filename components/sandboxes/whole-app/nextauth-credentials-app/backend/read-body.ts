import type { Readable } from 'node:stream'

/** The largest request body the backend reads. Every valid request is far smaller. */
export const MAX_BODY_BYTES = 16 * 1024

/**
 * Reads a request body of at most `limit` bytes as UTF-8, or answers 'too_large' as soon as
 * it is longer, without reading the rest. why: not Next's body parser, which answers
 * malformed JSON itself, in plain text; the contract wants `invalid_input` in JSON.
 */
export function readBody(stream: Readable, limit = MAX_BODY_BYTES): Promise<string | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      stream.off('data', onData).off('end', onEnd).off('error', reject)
    }
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size <= limit) return void chunks.push(bytes)
      stop()
      stream.pause()
      resolve('too_large')
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks).toString('utf8'))
    }
    stream.on('data', onData).on('end', onEnd).on('error', reject)
  })
}
