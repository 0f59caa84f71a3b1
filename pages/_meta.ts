export default {
  index: 'Introduction',
  guide: 'Guide',
  '404': { display: 'hidden' },
}
