/**
 * A webpack loader that runs before Nextra's on every MDX page and passes its source through
 * unchanged. It only tells webpack which reference-app files the page includes (include-code.mjs),
 * so that `next dev` rebuilds the page when one of them is edited: the remark plugin that reads
 * them runs inside Nextra's loader, which has no way to report them.
 */
import { includedFiles } from './include-code.mjs'

/** @this {{ addDependency(file: string): void }} @param {string} source */
export default function includeCodeLoader(source) {
  for (const file of includedFiles(source)) this.addDependency(file)
  return source
}
