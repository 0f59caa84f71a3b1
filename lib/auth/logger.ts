import type { LoggerInstance } from 'next-auth'

/** At most this many lines per error code per window; the rest are counted, then summarised. */
export const LOG_LINES_PER_WINDOW = 10
export const LOG_WINDOW_MS = 60_000

type Write = (line: string) => void

/**
 * A writer that lets through at most LOG_LINES_PER_WINDOW lines per code per minute, then
 * counts the rest and says how many it dropped when the next minute's first line comes.
 */
export function createLogThrottle(
  write: Write = console.error,
  now: () => number = Date.now,
): (code: string, line: string) => void {
  const windows = new Map<string, { startedAt: number; lines: number; suppressed: number }>()
  return (code, line) => {
    const time = now()
    let window = windows.get(code)
    if (!window || time - window.startedAt >= LOG_WINDOW_MS) {
      if (window?.suppressed)
        write(`[next-auth] ${code}: ${window.suppressed} more in the last minute`)
      window = { startedAt: time, lines: 0, suppressed: 0 }
      windows.set(code, window)
    }
    if (window.lines < LOG_LINES_PER_WINDOW) {
      window.lines += 1
      write(line)
    } else {
      window.suppressed += 1
    }
  }
}

/** An error's message on one short line: no stack trace, nothing past 120 characters. */
function shortMessage(error: unknown): string {
  const message =
    error instanceof Error ? error.message : (error as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? `: ${message.replace(/\s+/g, ' ').slice(0, 120)}` : ''
}

/**
 * NextAuth's logger for this site. A tampered or foreign session cookie is attacker noise, not
 * an incident: it gets one line with NextAuth's error code and a short message, never a stack
 * trace with the cookie in it, and a burst of them cannot flood the log.
 */
export function createAuthLogger(
  write: Write = console.error,
  now: () => number = Date.now,
): LoggerInstance {
  const throttled = createLogThrottle(write, now)
  return {
    error(code, metadata) {
      throttled(code, `[next-auth] ${code}${shortMessage(metadata)}`)
    },
    warn(code) {
      throttled(code, `[next-auth] warning ${code}`)
    },
    debug() {},
  }
}

/**
 * For what NextAuth throws instead of logging (Node's ERR_INVALID_CHAR for a header it built,
 * say): the same one throttled line, under the error's code, instead of Next.js printing the
 * stack trace of each one. Anyone can send the request that throws, as often as they like.
 */
export function createThrownErrorLogger(
  write: Write = console.error,
  now: () => number = Date.now,
): (error: unknown) => void {
  const throttled = createLogThrottle(write, now)
  return (error) => {
    const code =
      (error as { code?: unknown } | undefined)?.code ??
      (error instanceof Error ? error.name : 'Error')
    throttled(`thrown ${String(code)}`, `[next-auth] thrown ${String(code)}${shortMessage(error)}`)
  }
}
