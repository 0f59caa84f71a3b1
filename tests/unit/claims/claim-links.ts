import ts from 'typescript'

import type { ClaimMarker } from '../../support/claims'
import { CLAIM_ID, quoteMismatch } from '../../support/claims'

/** A `claim(id, quote, …)` call in a test file, with the page of its `describeChapter`. */
export type ClaimCall = {
  id: string
  quote: string
  /** The page of the enclosing `describeChapter`, or undefined outside one. */
  page: string | undefined
  /** Relative to the project, and 1-based: where to look. */
  file: string
  line: number
}

/** What one test file says about claims, read from its source without running it. */
export type ClaimFile = {
  claims: ClaimCall[]
  /** Whether it imports `claim` or `describeChapter` from tests/support/claims. */
  importsClaims: boolean
  /** Calls that could not be read, and tests outside any claim, as `file:line: …`. */
  problems: string[]
  /** `file:line` of each `it`/`test` that no `claim` encloses. */
  unclaimedTests: string[]
}

const CLAIMS_MODULE = /(?:^|\/)support\/claims$/
const TEST_FUNCTIONS = new Set(['it', 'test'])

/**
 * The claims of one test file, read with the TypeScript parser. A call whose page, id or
 * quote is not a string literal is a problem, not a claim skipped in silence.
 */
export function readClaimFile(file: string, source: string): ClaimFile {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true)
  const names = importedNames(sourceFile)
  const result: ClaimFile = {
    claims: [],
    importsClaims: names.claim !== undefined || names.describeChapter !== undefined,
    problems: [],
    unclaimedTests: [],
  }
  if (names.namespace !== undefined) {
    // why: calls through a namespace (`claims.claim(…)`) are not followed; refuse, not skip.
    result.problems.push(
      `${file}: import claim and describeChapter by name, not as ${names.namespace}`,
    )
  }
  const lineOf = (node: ts.Node) =>
    sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1

  const visit = (node: ts.Node, page: string | undefined, inClaim: boolean): void => {
    if (!ts.isCallExpression(node)) {
      node.forEachChild((child) => visit(child, page, inClaim))
      return
    }
    const callee = ts.isIdentifier(node.expression) ? node.expression.text : undefined
    const where = `${file}:${lineOf(node)}`
    let childPage = page
    let childInClaim = inClaim
    if (callee !== undefined && callee === names.describeChapter) {
      const [named] = literals(node, 1)
      if (named === undefined)
        result.problems.push(`${where}: describeChapter needs the page as a string literal`)
      childPage = named
    } else if (callee !== undefined && callee === names.claim) {
      const [id, quote] = literals(node, 2)
      childInClaim = true
      if (id === undefined || quote === undefined) {
        result.problems.push(`${where}: claim(id, quote, …) needs both as string literals`)
      } else if (page === undefined) {
        result.problems.push(`${where}: claim ${id} is not inside describeChapter(page, …)`)
      } else {
        result.claims.push({ id, quote, page, file, line: lineOf(node) })
      }
    } else if (isTestCall(node) && !inClaim) {
      result.unclaimedTests.push(where)
    }
    node.forEachChild((child) => visit(child, childPage, childInClaim))
  }
  visit(sourceFile, undefined, false)
  return result
}

/** `it(…)`, `test(…)` and their variants (`it.skip(…)`, `it.each(…)(…)`). */
function isTestCall(call: ts.CallExpression): boolean {
  let callee: ts.Expression = call.expression
  while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee)) {
    callee = callee.expression
  }
  return ts.isIdentifier(callee) && TEST_FUNCTIONS.has(callee.text)
}

/** The local names that `claim` and `describeChapter` are imported under. */
function importedNames(sourceFile: ts.SourceFile) {
  const names: { claim?: string; describeChapter?: string; namespace?: string } = {}
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue
    }
    if (!CLAIMS_MODULE.test(statement.moduleSpecifier.text)) continue
    const bindings = statement.importClause?.namedBindings
    if (bindings && ts.isNamespaceImport(bindings)) names.namespace = bindings.name.text
    if (!bindings || !ts.isNamedImports(bindings)) continue
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text
      if (imported === 'claim' || imported === 'describeChapter') {
        names[imported] = element.name.text
      }
    }
  }
  return names
}

/** The first `count` arguments as strings, `undefined` for one that is not a literal. */
function literals(call: ts.CallExpression, count: number): (string | undefined)[] {
  return Array.from({ length: count }, (_, index) => {
    const argument = call.arguments[index]
    return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined
  })
}

/**
 * Every way the markers and the claims fail to match, one line each, starting
 * `pages/…mdx: claim <id>: `.
 */
export function linkProblems(markers: ClaimMarker[], claims: ClaimCall[]): string[] {
  const problems: string[] = []
  const markersById = groupBy(markers, (marker) => marker.id)
  const claimsById = groupBy(claims, (call) => call.id)

  for (const [id, found] of markersById) {
    const [marker] = found
    if (!marker) continue
    if (found.length > 1) {
      const places = found.map((other) => `${other.page}:${other.line}`).join(', ')
      problems.push(`${marker.page}: claim ${id}: marked more than once (${places})`)
    }
    const calls = claimsById.get(id)
    if (!calls) {
      problems.push(
        `${marker.page}: claim ${id}: no test claims it (no claim('${id}', …) in tests/)`,
      )
    }
  }

  for (const [id, calls] of claimsById) {
    const [call] = calls
    if (!call) continue
    const where = (each: ClaimCall) => `${each.file}:${each.line}`
    if (!CLAIM_ID.test(id)) {
      problems.push(`${call.page}: claim ${id}: ids are kebab-case (${where(call)})`)
    }
    if (calls.length > 1) {
      problems.push(
        `${call.page}: claim ${id}: claimed more than once (${calls.map(where).join(', ')})`,
      )
    }
    const marker = markersById.get(id)?.[0]
    if (!marker) {
      problems.push(
        `${call.page}: claim ${id}: the chapter has no marker {/* claim: ${id} */} (claimed at ${where(call)})`,
      )
      continue
    }
    if (marker.page !== call.page) {
      problems.push(
        `${marker.page}: claim ${id}: the test at ${where(call)} says it is in ${call.page}`,
      )
      continue
    }
    const mismatch = quoteMismatch(marker, call.quote)
    if (mismatch)
      problems.push(`${marker.page}: claim ${id}: ${mismatch} (claimed at ${where(call)})`)
  }
  return problems
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}
