import type { SignInResponse } from 'next-auth/react'

import { parseSignInError, tryAgainIn } from '@reference-app/lib/sign-in-errors'

import { isDemoAccountEmail } from '@/demo-backend/demo-account'
import {
  NAME_MAX_LENGTH,
  normalizeEmail,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '@/demo-backend/field-limits'
import { DEFAULT_RATE_LIMITS } from '@/demo-backend/rate-limit-settings'

export type LabMode = 'login' | 'signup'
export type LabField = 'email' | 'password' | 'name'

/** What the lab tells the reader after a `signIn()`: one sentence, and a message per field. */
export type Feedback = {
  tone: 'status' | 'error'
  text: string
  fields: Partial<Record<LabField, string>>
}

/** The sign-up rules, shown under their fields before anything is sent. */
export const SIGN_UP_HINTS = {
  password: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not a commonly used password.`,
  name: `Optional, up to ${NAME_MAX_LENGTH} characters.`,
} as const

/** Counts what a person calls characters, as the backend does. */
const lengthOf = (value: string) => [...value.normalize('NFKC')].length

/** "a minute", "15 minutes", "24 hours": a whole window, as a reader would say it. */
function windowOf(seconds: number): string {
  if (seconds % 3_600 === 0) return seconds === 3_600 ? 'an hour' : `${seconds / 3_600} hours`
  return seconds === 60 ? 'a minute' : `${Math.round(seconds / 60)} minutes`
}

/**
 * The limit a wrong password counts towards, said before it is reached. The backend answers an
 * unknown email and a wrong password alike, so this depends only on what the reader typed.
 */
export function lockoutNotice(email: string): string {
  if (isDemoAccountEmail(normalizeEmail(email))) {
    const { points, seconds } = DEFAULT_RATE_LIMITS.demoLoginFailuresPerIp
    return `Wrong passwords never lock the demo accounts: after ${points} in ${windowOf(seconds)} from your network, wait until ${windowOf(seconds)} has passed.`
  }
  const { points, seconds } = DEFAULT_RATE_LIMITS.loginFailuresPerEmailAndIp
  return `After ${points} wrong passwords for one email from your network, that email is locked here for up to ${windowOf(seconds)}.`
}

function passwordProblem(mode: LabMode, password: string): string {
  const length = lengthOf(password)
  if (length === 0) return 'Enter a password.'
  if (length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters; this one has ${length}.`
  }
  if (mode === 'login') return 'Check the password.'
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters; this one has ${length}.`
  }
  return 'This password is a commonly used one. Choose another.'
}

function fieldProblem(field: LabField, mode: LabMode, typed: Record<string, string>): string {
  if (field === 'password') return passwordProblem(mode, typed.password ?? '')
  if (field === 'email') return 'Enter an email address, such as ada@example.com.'
  return lengthOf(typed.name ?? '') > NAME_MAX_LENGTH
    ? `Use a name of at most ${NAME_MAX_LENGTH} characters, or leave it empty.`
    : 'Use a name of plain text on one line, or leave it empty.'
}

const FIELD_NAMES: Record<LabField, string> = { email: 'email', password: 'password', name: 'name' }

/** The sentence and the field messages for a failed `signIn()` error. */
function failure(error: string, mode: LabMode, typed: Record<string, string>) {
  const { code, field, retryAfterSeconds } = parseSignInError(error)
  switch (code) {
    case 'CredentialsSignin':
      return {
        message: `The email or password is incorrect. ${lockoutNotice(typed.email ?? '')}`,
        fields: {},
      }
    case 'invalid_input':
      return field
        ? {
            message: `Check the ${FIELD_NAMES[field]}.`,
            fields: { [field]: fieldProblem(field, mode, typed) },
          }
        : { message: 'Check the email and the password.', fields: {} }
    case 'email_taken': {
      const message = 'An account with this email already exists. Log in instead.'
      return { message, fields: { email: message } }
    }
    case 'rate_limited':
      return {
        message:
          retryAfterSeconds === undefined
            ? 'Too many attempts. Wait a little, then try again.'
            : `Too many attempts from your network. ${tryAgainIn(retryAfterSeconds)}`,
        fields: {},
      }
    case 'AccessDenied':
      return { message: 'This account may not sign in.', fields: {} }
    case 'unavailable':
      return {
        message: 'We could not reach the sign-in service. Try again in a moment.',
        fields: {},
      }
    case 'lab_scenario_error':
      return { message: 'authorize() threw, as this scenario asked.', fields: {} }
    default:
      return { message: 'Something went wrong. Try again.', fields: {} }
  }
}

/**
 * What the reader is told after `signIn()` resolved: a status for a success, an error with a
 * message next to each field at fault otherwise. `typed` is what the form sent.
 */
export function feedbackFor(
  mode: LabMode,
  response: SignInResponse | undefined,
  typed: Record<string, string>,
): Feedback {
  if (!response) return { tone: 'error', text: 'signIn() resolved to undefined.', fields: {} }
  if (response.ok && !response.error) {
    const text = response.url?.includes('#signin-returned-a-url')
      ? `The signIn callback returned a URL: ${response.url}. No session was created.`
      : 'Signed in.'
    return { tone: 'status', text, fields: {} }
  }
  const error = response.error ?? 'unknown'
  const { message, fields } = failure(error, mode, typed)
  const lead = mode === 'signup' ? 'Could not create the account.' : 'Sign-in failed.'
  return {
    tone: 'error',
    text: `${lead} ${message} (${error}, HTTP ${response.status})`,
    fields: fields as Feedback['fields'],
  }
}
