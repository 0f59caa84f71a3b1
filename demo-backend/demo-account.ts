/**
 * The account every reader may use in the live lab. Its password is public on purpose: it is
 * printed on the site. It is created on start if missing and never expires.
 */
export const DEMO_ACCOUNT = {
  email: 'demo@example.com',
  password: 'handbook demo password',
  name: 'Demo Reader',
} as const
