import cn from 'clsx'
import { CheckIcon, CopyIcon, WordWrapIcon } from 'nextra/icons'
import type { ComponentProps, FC, SVGProps } from 'react'
import { useEffect, useRef, useState } from 'react'

type CodeBlockProps = ComponentProps<'pre'> & {
  'data-filename'?: string
  'data-copy'?: ''
  'data-language'?: string
  'data-word-wrap'?: ''
  icon?: FC<SVGProps<SVGSVGElement>>
}

/**
 * A chapter's code block: the markup, classes and behaviour of Nextra's own `Pre` (file name
 * bar, copy button, word-wrap switch on phones), with plain `<button>`s.
 * why: Nextra 3.3 draws both buttons with Headless UI's Button, whose focus, hover and press
 * tracking is a dozen hooks per button, two buttons per block. On a copy of /guide/setup (five
 * blocks) they were about 40 % of what the page cost over the plain baseline page in Lighthouse's
 * blocking time (README, Performance). The buttons only need a click handler; `nextra-focus`
 * gives them the theme's keyboard focus ring through `:focus-visible`.
 */
export function CodeBlock({
  children,
  className,
  'data-filename': filename,
  'data-copy': copy,
  'data-language': _language,
  'data-word-wrap': wordWrap,
  icon: Icon,
  ...props
}: CodeBlockProps) {
  const preRef = useRef<HTMLPreElement>(null)
  const copyButton = copy === '' && (
    <CopyButton
      className={filename ? '_ml-auto' : ''}
      text={() => preRef.current?.querySelector('code')?.textContent ?? ''}
    />
  )
  return (
    <div className="nextra-code _relative [&:not(:first-child)]:_mt-6">
      {filename && (
        <div
          className={cn(
            '_px-4 _text-xs _text-gray-700 dark:_text-gray-200',
            '_bg-gray-100 dark:_bg-neutral-900',
            '_flex _items-center _h-12 _gap-2 _rounded-t-md',
            borderClasses,
            '_border-b-0',
          )}
        >
          {Icon && <Icon className="_h-4 _w-auto _max-w-6 _shrink-0" />}
          <span className="_truncate">{filename}</span>
          {copyButton}
        </div>
      )}
      <pre
        className={cn(
          'nextra-focus',
          '_overflow-x-auto _subpixel-antialiased _text-[.9em]',
          '_bg-white dark:_bg-black _py-4',
          '_ring-1 _ring-inset _ring-gray-300 dark:_ring-neutral-700',
          'contrast-more:_ring-gray-900 contrast-more:dark:_ring-gray-50',
          'contrast-more:_contrast-150',
          filename ? '_rounded-b-md' : '_rounded-md',
          className,
        )}
        ref={preRef}
        {...props}
      >
        {children}
      </pre>
      <div
        className={cn(
          '_opacity-0 _transition [div:hover>&]:_opacity-100 focus-within:_opacity-100',
          '_flex _gap-1 _absolute _right-4',
          filename ? '_top-14' : '_top-2',
        )}
      >
        {wordWrap === '' && (
          <button
            type="button"
            onClick={toggleWordWrap}
            className={cn(buttonClasses, 'md:_hidden')}
            title="Toggle word wrap"
          >
            <WordWrapIcon height="16" />
          </button>
        )}
        {!filename && copyButton}
      </div>
    </div>
  )
}

const borderClasses = cn(
  '_border _border-gray-300 dark:_border-neutral-700',
  'contrast-more:_border-gray-900 contrast-more:dark:_border-gray-50',
)

const buttonClasses = cn('nextra-focus _transition _rounded-md _p-1.5', borderClasses)

/** How long the check mark stays after a copy, as in Nextra. */
const COPIED_FOR_MS = 2000

function CopyButton({ className, text }: { className: string; text: () => string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS)
    return () => clearTimeout(timer)
  }, [copied])
  const copy = () => {
    // The clipboard is refused outside secure contexts; the reader keeps the copy icon then.
    navigator.clipboard?.writeText(text()).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }
  const Icon = copied ? CheckIcon : CopyIcon
  return (
    <button type="button" onClick={copy} className={cn(buttonClasses, className)} title="Copy code">
      <Icon height="16" className="nextra-copy-icon" />
    </button>
  )
}

/** The theme's switch: wraps every code block's long lines (styled by `data-nextra-word-wrap`). */
function toggleWordWrap() {
  const dataset = document.documentElement.dataset
  if ('nextraWordWrap' in dataset) delete dataset.nextraWordWrap
  else dataset.nextraWordWrap = ''
}
