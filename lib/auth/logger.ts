import type { LoggerInstance } from 'next-auth'

/** At most this many lines per error code per window; the rest are counted, then summarised. */
export const LOG_LINES_PER_WINDOW = 10
export const LOG_WINDOW_MS = 60_000

type Write = (line: string) => void

/**
 * NextAuth's logger for this site. A tampered or foreign session cookie is attacker noise, not
 * an incident: it gets one line with NextAuth's error code and a short message, never a stack
 * trace with the cookie in it, and a burst of them cannot flood the log.
 */
export function createAuthLogger(
  write: Write = console.error,
  now: () => number = Date.now,
): LoggerInstance {
  const windows = new Map<string, { startedAt: number; lines: number; suppressed: number }>()

  function throttled(code: string, line: string) {
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

  return {
    error(code, metadata) {
      const message =
        metadata instanceof Error
          ? metadata.message
          : (metadata as { message?: unknown } | undefined)?.message
      const detail =
        typeof message === 'string' ? `: ${message.replace(/\s+/g, ' ').slice(0, 120)}` : ''
      throttled(code, `[next-auth] ${code}${detail}`)
    },
    warn(code) {
      throttled(code, `[next-auth] warning ${code}`)
    },
    debug() {},
  }
}
