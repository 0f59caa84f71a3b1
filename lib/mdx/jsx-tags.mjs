/**
 * The tag a compiled MDX element renders: `<_components.code>` or `<code>`. Nextra's loader
 * compiles MDX with `jsx: true`, so the recma plugins see JSX elements, which Next's compiler
 * turns into calls later.
 * @param {import('estree-jsx').JSXElement} element
 * @returns {string | undefined}
 */
export function tagOf(element) {
  const name = element.openingElement.name
  if (name.type === 'JSXIdentifier') return name.name
  if (
    name.type === 'JSXMemberExpression' &&
    name.object.type === 'JSXIdentifier' &&
    name.object.name === '_components'
  ) {
    return name.property.name
  }
  return undefined
}
