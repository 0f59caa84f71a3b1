/** The localStorage key of the reader's choice, shared with next-themes (theme.config.tsx). */
export declare const THEME_STORAGE_KEY: string

/** Set on <html> while the blocks below the first screen may stand in for themselves. */
export declare const DEFER_BLOCKS_ATTRIBUTE: string

/**
 * The script that puts the reader's theme on <html> before the first paint, and says whether
 * blocks may be drawn late (before-paint.mjs).
 */
export declare const BEFORE_PAINT_SCRIPT: string
