/**
 * Highlighted code blocks shipped as one HTML string each instead of one React element per token.
 *
 * Shiki wraps every token in a coloured span, and MDX compiles each span into a JSX call: a
 * chapter with a dozen samples carried hundreds of them, which the phone had to evaluate and
 * React had to hydrate one by one although nothing in a code block ever changes. This recma
 * plugin, which runs after MDX has turned the page into JavaScript, folds the spans inside each
 * `<code>` into a single `dangerouslySetInnerHTML` string. The server renders the same markup as
 * before, so the page looks the same; React hydrates one element where it hydrated hundreds.
 *
 * The string is built only from what Shiki produces: text, `span` and `mark` elements, class
 * names, `data-*` attributes and inline styles with literal values, all escaped. A code element
 * holding anything else (a component, an expression) is left untouched, which is still correct,
 * only slower; tests/unit/static-code-html.test.ts checks that every chapter's blocks are folded.
 */
import { visit } from 'estree-util-visit'

import { objectAttribute, tagOf } from './jsx-nodes.mjs'

/** Tags Shiki and rehype-pretty-code put inside code; the site maps neither to a component. */
const INLINE_TAGS = new Set(['span', 'mark'])

const SAFE_ATTRIBUTE = /^(?:data|aria)-[a-z0-9-]+$/

/** Thrown inside the serializer when a node is not plain highlighted markup. */
class NotStaticMarkup extends Error {}

/**
 * Nextra's loader compiles MDX with `jsx: true`, so this sees JSX elements such as
 * `<_components.code>…</_components.code>`, which Next's compiler turns into calls later.
 */
export default function recmaStaticCodeHtml() {
  /** @param {import('estree-jsx').Program} tree */
  return (tree) => {
    visit(tree, (node) => {
      if (node.type !== 'JSXElement' || tagOf(node) !== 'code') return
      // why: inline `code` holds a plain string; there is nothing to gain from folding it.
      if (node.children.every(isStringChild)) return
      let html
      try {
        html = node.children.map(childToHtml).join('')
      } catch (error) {
        if (error instanceof NotStaticMarkup) return
        throw error
      }
      node.children = []
      node.openingElement.attributes.push(
        objectAttribute('dangerouslySetInnerHTML', '__html', html),
      )
    })
  }
}

/** `{"text"}`, the only form in which MDX writes text into JSX. @param {import('estree-jsx').JSXElement['children'][number]} child */
const isStringChild = (child) =>
  child.type === 'JSXExpressionContainer' &&
  child.expression.type === 'Literal' &&
  typeof child.expression.value === 'string'

/** @param {import('estree-jsx').JSXElement['children'][number]} child @returns {string} */
function childToHtml(child) {
  if (isStringChild(child)) return escapeHtml(String(child.expression.value))
  if (child.type === 'JSXElement') return elementToHtml(child)
  throw new NotStaticMarkup()
}

/** @param {import('estree-jsx').JSXElement} element */
function elementToHtml(element) {
  const tag = tagOf(element)
  if (!tag || !INLINE_TAGS.has(tag)) throw new NotStaticMarkup()
  const attributes = element.openingElement.attributes.map(attributeToHtml).join('')
  return `<${tag}${attributes}>${element.children.map(childToHtml).join('')}</${tag}>`
}

/** @param {import('estree-jsx').JSXElement['openingElement']['attributes'][number]} attribute */
function attributeToHtml(attribute) {
  if (attribute.type !== 'JSXAttribute' || attribute.name.type !== 'JSXIdentifier') {
    throw new NotStaticMarkup()
  }
  const name = attribute.name.name
  const value = attribute.value
  if (name === 'style' && value?.type === 'JSXExpressionContainer') {
    return ` style="${escapeHtml(styleOf(value.expression))}"`
  }
  if (name !== 'className' && !SAFE_ATTRIBUTE.test(name)) throw new NotStaticMarkup()
  if (value?.type !== 'Literal' || typeof value.value !== 'string') throw new NotStaticMarkup()
  return ` ${name === 'className' ? 'class' : name}="${escapeHtml(value.value)}"`
}

/** `{{ '--shiki-light': '#fff', … }}` as CSS text. @param {import('estree-jsx').Node} node */
function styleOf(node) {
  if (node.type !== 'ObjectExpression') throw new NotStaticMarkup()
  return node.properties
    .map((property) => {
      if (
        property.type !== 'Property' ||
        property.computed ||
        property.key.type !== 'Literal' ||
        typeof property.key.value !== 'string' ||
        property.value.type !== 'Literal' ||
        typeof property.value.value !== 'string' ||
        // why: React would turn a camelCase key into kebab-case; Shiki only writes custom properties.
        !property.key.value.startsWith('--')
      ) {
        throw new NotStaticMarkup()
      }
      return `${property.key.value}:${property.value.value}`
    })
    .join(';')
}

/**
 * Escaped as React escapes text and attribute values, so the server's HTML is byte for byte what
 * the unfolded page rendered. @param {string} text
 */
const escapeHtml = (text) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;')
