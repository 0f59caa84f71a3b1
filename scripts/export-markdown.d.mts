export type PlainMarkdown = { title: string; description: string; body: string }

/** Front matter fields and the body, without the MDX-only parts outside code blocks. */
export declare function toPlainMarkdown(mdx: string): PlainMarkdown
