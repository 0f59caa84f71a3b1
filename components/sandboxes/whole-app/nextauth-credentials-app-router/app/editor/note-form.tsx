'use client'

import { useActionState } from 'react'

import { saveNote } from './actions'

/** The form calls the server action directly; its answer is shown under the button. */
export function NoteForm() {
  const [result, action, pending] = useActionState(saveNote, null)
  return (
    <form action={action}>
      <label>
        Note <input name="note" type="text" required maxLength={500} />
      </label>
      <button type="submit" disabled={pending}>
        Save the note
      </button>
      {result?.ok === false && <p role="alert">{result.error.message}</p>}
      {result?.ok && <p role="status">Saved.</p>}
    </form>
  )
}
