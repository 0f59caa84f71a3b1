// why: a module of its own, free of the limiter library, so that the lab can tell readers
// these numbers without bundling it.

export type Limit = { points: number; seconds: number }

/** How many attempts each limiter allows, and over how many seconds. */
export type RateLimitSettings = {
  /** Wrong passwords in a row for one email from one address; a success resets it. */
  loginFailuresPerEmailAndIp: Limit
  /** Wrong passwords from one address, whatever the email: password spraying. */
  loginFailuresPerIp: Limit
  /**
   * Wrong passwords for one account from anywhere: guessing spread over many addresses. A
   * short window, so that it slows such an attack without locking the owner out for long.
   */
  loginFailuresPerAccount: Limit
  /**
   * Wrong passwords for the demo accounts from one address, which count in no other limit.
   * Their passwords are printed on the site: there is nothing to guess, only hashing to bound.
   */
  demoLoginFailuresPerIp: Limit
  /** Account creations from one address. */
  signupsPerIp: Limit
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginFailuresPerEmailAndIp: { points: 10, seconds: 15 * 60 },
  loginFailuresPerIp: { points: 100, seconds: 24 * 60 * 60 },
  // why: twice the per-address allowance, so that one address alone never slows the owner;
  // past it, every address waits for the minute to end: ~20 guesses a minute at most.
  loginFailuresPerAccount: { points: 20, seconds: 60 },
  // why: a class behind one NAT shares an address and the demo accounts. A minute's window
  // means their typos slow that address for under a minute and never lock the account, for
  // them or for anyone else; ten a minute is the most hashing one address can ask for.
  demoLoginFailuresPerIp: { points: 10, seconds: 60 },
  signupsPerIp: { points: 10, seconds: 60 * 60 },
}
