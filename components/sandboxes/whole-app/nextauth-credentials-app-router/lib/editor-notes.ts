/**
 * The editors' notes, in memory like the stand-in backend: a restart empties them.
 * why: on globalThis so that `next dev`, which re-evaluates modules, keeps them.
 */
const memory = globalThis as typeof globalThis & { editorNotes?: string[] }

export function listNotes(): readonly string[] {
  return (memory.editorNotes ??= [])
}

export function addNote(note: string): void {
  ;(memory.editorNotes ??= []).push(note)
}
