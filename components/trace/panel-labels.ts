/**
 * The region name of each trace widget, shared by the live widget and its placeholder: a reader
 * who jumps to the region before the code arrives lands on the same box, and scrolling there
 * is what loads it.
 */
export const PANEL_LABELS = {
  trace: 'Callback trace',
  sequence: 'Your trace as a sequence diagram',
  inspector: 'Token inspector',
} as const
