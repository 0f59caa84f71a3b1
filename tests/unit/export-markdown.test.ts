import { describe, expect, it } from 'vitest'

import { toPlainMarkdown } from '@/scripts/export-markdown.mjs'

const page = (...body: string[]) =>
  ['---', 'title: A chapter', 'description: What it says.', '---', '', ...body].join('\n')

describe('the plain-markdown copy of a chapter', () => {
  it('reads the title and the description from the front matter', () => {
    expect(toPlainMarkdown(page('# A chapter'))).toEqual({
      title: 'A chapter',
      description: 'What it says.',
      body: '# A chapter',
    })
  })

  it('drops the MDX imports, claim markers, comments and layout wrappers of the prose', () => {
    const { body } = toPlainMarkdown(
      page(
        "import { SignInLab } from '@/components/lab'",
        '',
        '# A chapter',
        '',
        'NextAuth says so. {/* claim: a-claim */}',
        '',
        '{/* a note for editors */}',
        '',
        '<div style={{ height: 10 }}>',
        '![A diagram](/diagrams/a.svg)',
        '</div>',
        '',
        '<SignInLab />',
      ),
    )
    expect(body).toBe(
      [
        '# A chapter',
        '',
        'NextAuth says so.',
        '',
        '![A diagram](/diagrams/a.svg)',
        '',
        '> (Interactive: SignInLab. Open the page on the site to use it.)',
      ].join('\n'),
    )
  })

  it('keeps every line of a code block as it is, imports, comments, tags and blank lines included', () => {
    const code = [
      "import NextAuth from 'next-auth'",
      '',
      '',
      '',
      "import { authOptions } from '../../../lib/auth-options'",
      '{/* #region form */}',
      '<div>',
      '<Component />',
      '</div>',
      'export default NextAuth(authOptions)',
    ]
    const { body } = toPlainMarkdown(
      page(
        '# A chapter',
        '',
        '```ts filename="pages/api/auth/[...nextauth].ts"',
        ...code,
        '```',
        '',
        '- In a list:',
        '',
        '  ~~~tsx',
        "  import { signIn } from 'next-auth/react'",
        '  ~~~',
        '',
        "import { Sandbox } from '@/components/sandpack'",
      ),
    )
    expect(body).toBe(
      [
        '# A chapter',
        '',
        '```ts filename="pages/api/auth/[...nextauth].ts"',
        ...code,
        '```',
        '',
        '- In a list:',
        '',
        '  ~~~tsx',
        "  import { signIn } from 'next-auth/react'",
        '  ~~~',
      ].join('\n'),
    )
  })

  it('keeps a fence that holds a shorter fence of the same kind whole', () => {
    const { body } = toPlainMarkdown(
      page('````md', '```ts', "import a from 'a'", '```', "import b from 'b'", '````'),
    )
    expect(body).toBe(
      ['````md', '```ts', "import a from 'a'", '```', "import b from 'b'", '````'].join('\n'),
    )
  })
})
