export default {
  index: 'Introduction',
  guide: 'Guide',
  lab: 'Live lab',
  account: 'Your account',
  '404': { display: 'hidden' },
}
