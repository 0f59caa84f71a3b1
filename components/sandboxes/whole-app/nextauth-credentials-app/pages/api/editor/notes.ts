import type { NextApiRequest, NextApiResponse } from 'next'

/**
 * `GET /api/editor/notes`: for editors only. middleware.ts has already checked the role
 * before this runs, and answered 401 or 403 JSON to everyone else.
 */
export default function editorNotes(_req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ notes: ['Only editors can read this.'] })
}
