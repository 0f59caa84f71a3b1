import { describe, expect, it } from 'vitest'

import { repositoryOptions } from '@/lib/repository-links'
import { parseRepositoryUrl } from '@/lib/repository-url.mjs'

describe('parseRepositoryUrl (REPOSITORY_URL)', () => {
  it('is null when the variable is unset or blank', () => {
    expect(parseRepositoryUrl(undefined)).toBeNull()
    expect(parseRepositoryUrl('')).toBeNull()
    expect(parseRepositoryUrl('   ')).toBeNull()
  })

  it('keeps the address of a repository, without a trailing slash or .git', () => {
    expect(parseRepositoryUrl('https://github.com/owner/handbook')).toBe(
      'https://github.com/owner/handbook',
    )
    expect(parseRepositoryUrl(' https://github.com/owner/handbook.git/ ')).toBe(
      'https://github.com/owner/handbook',
    )
    expect(parseRepositoryUrl('https://gitlab.example.com/team/handbook/')).toBe(
      'https://gitlab.example.com/team/handbook',
    )
  })

  it.each([
    ['github.com/owner/handbook', /REPOSITORY_URL must be an http\(s\) URL/],
    ['ssh://git@github.com/owner/handbook', /REPOSITORY_URL must be an http\(s\) URL/],
    ['https://github.com/owner', /REPOSITORY_URL must name a repository as \/<owner>\/<name>/],
    ['https://github.com/owner/handbook/tree/main', /must name a repository/],
    ['https://github.com/owner/handbook?tab=readme', /must not carry a query or a fragment/],
  ])('refuses %s with a message that names the variable and the fix', (value, problem) => {
    expect(() => parseRepositoryUrl(value)).toThrow(problem)
    expect(() => parseRepositoryUrl(value)).toThrow(/unset it to hide the links/)
  })
})

describe('repositoryOptions', () => {
  it('leaves out the GitHub icon and "Edit this page" when no repository is set', () => {
    const options = repositoryOptions(undefined)
    expect(options.project.link).toBeUndefined()
    expect(options.editLink.component).toBeNull()
    expect(options.docsRepositoryBase).toBeUndefined()
  })

  it('links the icon to the repository and edits chapters on its main branch', () => {
    const options = repositoryOptions('https://github.com/owner/handbook')
    expect(options.project.link).toBe('https://github.com/owner/handbook')
    expect(options.docsRepositoryBase).toBe('https://github.com/owner/handbook/blob/main')
    expect(options.editLink).toEqual({ content: 'Edit this page' })
  })
})
