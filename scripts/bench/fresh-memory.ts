import { performance } from 'node:perf_hooks'

import { median } from './argon2-ceiling'

const PAGE_BYTES = 4096
const BLOCK_BYTES = 128 * 1024 * 1024

/**
 * How long this machine takes to hand a process memory it has not touched before, in
 * microseconds per 4 KiB page (median of `rounds`).
 *
 * why: Lighthouse's benchmarkIndex times a loop of JavaScript and misses this. On some virtual
 * machines here each first touch of a page costs 10–25 µs, against well under 1 µs on an idle
 * one, and a page load is mostly first touches (a new renderer, its heaps, the DOM): every task
 * Lighthouse times then runs several times longer, and two loads of one page differ by more than
 * the budgets allow. The bench prints this figure so a reader can tell such a run apart.
 */
export function freshMemoryMicrosPerPage(rounds = 3): number {
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const started = performance.now()
    // allocUnsafeSlow: memory from the system, not from Node's pool, and not zeroed by Node,
    // so the first write to each page is the page fault being timed.
    const block = Buffer.allocUnsafeSlow(BLOCK_BYTES)
    for (let offset = 0; offset < BLOCK_BYTES; offset += PAGE_BYTES) block[offset] = 1
    samples.push(((performance.now() - started) * 1000) / (BLOCK_BYTES / PAGE_BYTES))
  }
  return median(samples)
}
