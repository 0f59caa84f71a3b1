/**
 * Small helpers for the recma plugins, which see compiled MDX as JSX: Nextra's loader compiles
 * with `jsx: true`, and Next's compiler turns the JSX into calls later.
 */

/**
 * The tag an element renders: `<_components.code>` or `<code>`.
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

/**
 * `name={{ "key": "value" }}`, as in `style={{ "--code-lines": "12" }}`.
 * @param {string} name @param {string} key @param {string} value
 * @returns {import('estree-jsx').JSXAttribute}
 */
export function objectAttribute(name, key, value) {
  return {
    type: 'JSXAttribute',
    name: { type: 'JSXIdentifier', name },
    value: {
      type: 'JSXExpressionContainer',
      expression: {
        type: 'ObjectExpression',
        properties: [
          {
            type: 'Property',
            kind: 'init',
            method: false,
            shorthand: false,
            computed: false,
            key: { type: 'Literal', value: key },
            value: { type: 'Literal', value },
          },
        ],
      },
    },
  }
}
