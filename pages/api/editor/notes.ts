/** `GET /api/editor/notes`: the reference app's editors-only route; middleware.ts guards it. */
export { default } from '@reference-app/pages/api/editor/notes'
