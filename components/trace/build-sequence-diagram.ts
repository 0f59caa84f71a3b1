import type { TracedRequest } from '@/lib/trace/types'

/** Mermaid's sequence syntax treats these as markup; labels come from our own code anyway. */
const label = (text: string) => text.replace(/[;#<>{}"]/g, '')

/**
 * A mermaid sequence diagram of the reader's own trace: the browser's requests to NextAuth,
 * each callback NextAuth ran, and its calls to the backend. Pure, so it is unit-tested.
 */
export function buildSequenceDiagram(requests: TracedRequest[]): string {
  const lines = [
    'sequenceDiagram',
    '  participant B as Browser',
    '  participant N as NextAuth',
    '  participant K as Backend',
  ]
  for (const request of requests) {
    lines.push(`  B->>N: ${label(request.label)}`)
    for (const event of request.events) {
      if (event.step === 'backend') {
        const args = event.args as { method?: string; path?: string } | null
        const result = event.result as { status?: number | null } | null
        lines.push(`  N->>K: ${label(`${args?.method ?? ''} ${args?.path ?? ''}`)}`)
        lines.push(`  K-->>N: ${result?.status ?? 'no answer'}`)
      } else {
        lines.push(`  N->>N: ${event.step}`)
      }
    }
    lines.push('  N-->>B: response')
  }
  return lines.join('\n')
}
