import { listNotes } from '../../lib/editor-notes'
import { NoteForm } from './note-form'

// why: the notes change at run time; without this the page would be rendered once at build.
export const dynamic = 'force-dynamic'

/** For editors only: middleware.ts sends everyone else to the sign-in page first. */
export default function EditorPage() {
  return (
    <main>
      <h1>Editor&apos;s desk</h1>
      <ul>
        {listNotes().map((note, index) => (
          <li key={index}>{note}</li>
        ))}
      </ul>
      <NoteForm />
    </main>
  )
}
