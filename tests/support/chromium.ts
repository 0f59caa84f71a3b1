/**
 * Debian's Chromium, never a browser that Playwright downloads: these machines reach only the
 * npm registry and Debian's packages. The flags keep Chromium from calling Google's services,
 * whose connections this network refuses.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
