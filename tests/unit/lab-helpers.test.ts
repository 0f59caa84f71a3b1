import { describe, expect, it } from 'vitest'

import { buildSequenceDiagram } from '@/components/trace/build-sequence-diagram'
import { readScenario } from '@/lib/auth/scenarios'

describe('readScenario', () => {
  it('accepts only allowlisted scenarios and falls back to normal', () => {
    expect(readScenario({ scenario: 'signin-returns-false' })).toBe('signin-returns-false')
    expect(readScenario({ scenario: 'rm -rf /' })).toBe('normal')
    expect(readScenario({ scenario: 'constructor' })).toBe('normal')
    expect(readScenario(undefined)).toBe('normal')
  })
})

describe('buildSequenceDiagram', () => {
  it('draws each request, its callbacks and its backend call in order', () => {
    const diagram = buildSequenceDiagram([
      {
        id: 'r1',
        label: 'POST /api/auth/callback/login',
        startedAt: 0,
        events: [
          { seq: 1, step: 'authorize', offsetMs: 0, durationMs: 1, args: null, result: null },
          {
            seq: 2,
            step: 'backend',
            offsetMs: 0,
            durationMs: 1,
            args: { method: 'POST', path: '/login' },
            result: { status: 200 },
          },
          { seq: 3, step: 'signIn', offsetMs: 0, durationMs: 1, args: null, result: null },
        ],
      },
    ])
    expect(diagram.split('\n').slice(4)).toEqual([
      '  B->>N: POST /api/auth/callback/login',
      '  N->>N: authorize',
      '  N->>K: POST /login',
      '  K-->>N: 200',
      '  N->>N: signIn',
      '  N-->>B: response',
    ])
  })
})
