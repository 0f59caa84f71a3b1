import nextra from 'nextra'

const withNextra = nextra({
  theme: 'nextra-theme-docs',
  themeConfig: './theme.config.tsx',
  defaultShowCopyCode: true,
  search: { codeblocks: false },
  mdxOptions: {
    rehypePrettyCodeOptions: {
      // why: the plain GitHub themes fail WCAG AA contrast for several token colours.
      theme: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
    },
  },
})

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // why: the header only advertises the framework to scanners.
  poweredByHeader: false,
}

export default withNextra(nextConfig)
