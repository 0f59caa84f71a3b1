import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Where every bench writes its figures; git-ignored. */
export const RESULTS_DIR = join(process.cwd(), 'bench-results')

export type ReportRow = readonly [label: string, value: string]

/** Prints a two-column table with the labels padded to one width. */
export function printTable(title: string, rows: readonly ReportRow[]): void {
  const width = Math.max(...rows.map(([label]) => label.length))
  console.log(`\n${title}`)
  console.log('─'.repeat(width + 20))
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`)
  console.log('─'.repeat(width + 20))
}

/** Prints a table with a header row, each column padded to its widest cell. */
export function printGrid(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((r) => (r[i] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  const rule = '─'.repeat(widths.reduce((total, width) => total + width + 2, 0))
  console.log(`\n${title}`)
  console.log(rule)
  console.log(line(header))
  console.log(rule)
  for (const row of rows) console.log(line(row))
  console.log(rule)
}

/** PASS or FAIL, for the last column of a table. */
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL')

/** Writes a bench's figures as `bench-results/<name>.json` and returns the file's path. */
export async function writeResults(name: string, figures: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${name}.json`)
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`)
  return file
}

/** A number with a fixed count of decimals, for the table. */
export const fixed = (value: number, decimals = 1) => value.toFixed(decimals)

/**
 * Runs a bench's `main` and turns its verdict into the exit code: 0 when every budget held,
 * 1 when one was missed or the bench could not run.
 */
export function runBench(main: () => Promise<boolean>): void {
  main().then(
    (pass) => {
      process.exitCode = pass ? 0 : 1
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
