export default {
  index: 'Introduction',
  guide: 'Guide',
  lab: 'Live lab',
  account: 'Your account',
  '404': { display: 'hidden' },
  // why: the yardstick of `npm run bench` (scripts/bench/pages.ts), not a page readers follow.
  'bench-baseline': { display: 'hidden' },
}
