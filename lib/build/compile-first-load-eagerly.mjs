/**
 * A webpack plugin that starts every script of a page's first load with V8's explicit compile
 * hint, `//# allFunctionsCalledOnLoad` (Chromium 136 and later; other engines ignore a comment).
 *
 * why: V8 compiles a function the first time it is called, on the main thread. Loading a page
 * calls most of what React, Next's client and the page's own chunks define, so that compiling
 * happened in the middle of evaluating `main`, as one long task before the reader could tap
 * anything. With the hint, V8 compiles the whole file up front, on the background thread that
 * already parses the script while it downloads. Chunks fetched later (the lab, the sandboxes,
 * the search box) keep lazy compiling: most of their functions never run on a given visit.
 *
 * The hint goes in after Next's minifier, which would strip it as a comment, and before the
 * content hashes are computed, so a file's name still changes with what it serves.
 */
const NAME = 'CompileFirstLoadEagerly'
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

export class CompileFirstLoadEagerly {
  /** @param webpack the webpack Next hands to next.config's `webpack` function */
  constructor(webpack) {
    this.webpack = webpack
  }

  apply(compiler) {
    const { Compilation, sources } = this.webpack
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        () => {
          for (const chunk of compilation.chunks) {
            if (!chunk.canBeInitial()) continue
            for (const file of chunk.files) {
              if (!file.endsWith('.js')) continue
              compilation.updateAsset(
                file,
                (source) => new sources.ConcatSource(COMPILE_HINT, source),
              )
            }
          }
        },
      )
    })
  }
}
