/**
 * The reference app's middleware, run by the site for its editors-only API, so the lab can show
 * the role gate the protecting-pages chapter teaches: 401 JSON signed out, 403 JSON for a
 * reader, the route itself for an editor.
 */
export { default } from '@reference-app/middleware'

// why: Next reads `config` from this file itself, so it cannot be re-exported.
export const config = { matcher: ['/api/editor/:path*'] }
