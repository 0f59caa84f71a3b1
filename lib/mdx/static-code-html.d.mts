import type { Program } from 'estree-jsx'

export default function recmaStaticCodeHtml(): (tree: Program) => void
