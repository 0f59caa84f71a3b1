import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

import { describe, expect, it } from 'vitest'

import { DEFAULT_IN_FLIGHT } from '@/demo-backend/core/in-flight'

const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')

describe('figures the README quotes from the code', () => {
  it('names the per-instance cap on attempts waiting for a hash as the backend sets it', () => {
    const perCore = DEFAULT_IN_FLIGHT.total / availableParallelism()
    expect(readme).toContain(
      `(${DEFAULT_IN_FLIGHT.perAddress} per address, ${perCore} per core) holds on each instance`,
    )
  })
})
