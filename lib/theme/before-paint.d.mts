/** The localStorage key of the reader's choice, shared with next-themes (theme.config.tsx). */
export declare const THEME_STORAGE_KEY: string

/** The script that puts the reader's theme on <html> before the first paint (before-paint.mjs). */
export declare const THEME_BEFORE_PAINT_SCRIPT: string
