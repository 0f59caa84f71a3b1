'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'

import { getAppSession } from '../../lib/app-session'
import { addNote } from '../../lib/editor-notes'

export type NoteResult =
  | { ok: true }
  | {
      ok: false
      error: { code: 'unauthenticated' | 'forbidden' | 'invalid_input'; message: string }
    }

const noteSchema = z.strictObject({ note: z.string().trim().min(1).max(500) })

// #region save-note
/**
 * A server action is a POST endpoint that any page can call: it checks the session and the
 * role itself, whatever middleware did for the page that shows the form.
 */
export async function saveNote(_previous: NoteResult | null, form: FormData): Promise<NoteResult> {
  const session = await getAppSession()
  if (!session) {
    return { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } }
  }
  if (session.user.role !== 'editor') {
    return { ok: false, error: { code: 'forbidden', message: 'Only editors may do this.' } }
  }
  const input = noteSchema.safeParse({ note: form.get('note') })
  if (!input.success) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'Write a note of 1 to 500 characters.' },
    }
  }
  addNote(`${input.data.note} (${session.user.name ?? session.user.email})`)
  revalidatePath('/editor')
  return { ok: true }
}
// #endregion save-note
