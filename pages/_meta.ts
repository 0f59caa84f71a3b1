export default {
  index: 'Introduction',
  guide: 'Guide',
}
