// Key order is sidebar order: the chapters read from the architecture to the first sign-in.
export default {
  'how-it-works': 'How NextAuth.js works',
  setup: 'Setup',
}
