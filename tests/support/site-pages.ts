import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const PAGES_DIR = join(__dirname, '..', '..', 'pages')

/** Every route the site builds from an MDX page, derived from the files so none is forgotten. */
export function listDocRoutes(): string[] {
  const files = readdirSync(PAGES_DIR, { recursive: true, encoding: 'utf8' })
  return files
    .filter((file) => file.endsWith('.mdx') && !file.startsWith('404'))
    .map((file) => file.replace(/\.mdx$/, ''))
    .map((route) => `/${route.replace(/(^|\/)index$/, '')}`)
    .sort()
}

/** The MDX a route is built from (the inverse of listDocRoutes). */
export function readDocSource(route: string): string {
  const file = route === '/' ? 'index' : route.slice(1)
  return readFileSync(join(PAGES_DIR, `${file}.mdx`), 'utf8')
}
