// Key order is sidebar order: from how NextAuth works, through a first sign-in, to operations.
export default {
  'how-it-works': 'How NextAuth.js works',
  setup: 'Setup',
  providers: 'The Credentials provider',
  callbacks: 'Callbacks',
  secret: 'The secret',
  'sign-in-form': 'Signing in from your form',
  'sign-up': 'Sign-up',
  errors: 'Errors',
  'backend-tokens': "Your backend's tokens",
  typescript: 'TypeScript',
  'protecting-pages': 'Protecting pages',
  'security-checklist': 'Security checklist',
  'security-guarantees': 'Security guarantees',
  troubleshooting: 'Troubleshooting',
  'log-codes': 'Log and error codes',
  reference: 'Reference',
}
