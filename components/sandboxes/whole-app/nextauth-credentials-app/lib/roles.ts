import type { JWT } from 'next-auth/jwt'

// #region is-editor
/** Editors may open /editor and call /api/editor/*. A refused refresh ends every right. */
export function isEditor(token: JWT | null): boolean {
  return token?.role === 'editor' && !token.error
}
// #endregion is-editor
