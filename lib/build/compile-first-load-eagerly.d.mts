/** V8's explicit compile hint, as the first line of a script. */
export declare const COMPILE_HINT: string

/**
 * Starts every script of a page's first load with COMPILE_HINT. Takes the webpack that Next
 * hands to next.config's `webpack` function (Next bundles its own; no `webpack` types here).
 */
export declare class CompileFirstLoadEagerly {
  constructor(webpack: unknown)
  apply(compiler: unknown): void
}
