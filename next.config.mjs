import nextra from 'nextra'

const withNextra = nextra({
  theme: 'nextra-theme-docs',
  themeConfig: './theme.config.tsx',
  defaultShowCopyCode: true,
  search: { codeblocks: false },
})

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // why: the header only advertises the framework to scanners.
  poweredByHeader: false,
}

export default withNextra(nextConfig)
