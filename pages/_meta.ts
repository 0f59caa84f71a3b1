export default {
  index: 'Introduction',
  guide: 'Guide',
  lab: 'Live lab',
  '404': { display: 'hidden' },
}
