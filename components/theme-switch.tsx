import cn from 'clsx'
import { useTheme } from 'next-themes'
import { useMounted } from 'nextra/hooks'
import { MoonIcon, SunIcon } from 'nextra/icons'

import styles from './theme-switch.module.css'

const THEMES = { light: 'Light', dark: 'Dark', system: 'System' } as const

type ThemeName = keyof typeof THEMES

const isThemeName = (value: string | undefined): value is ThemeName =>
  value !== undefined && Object.hasOwn(THEMES, value)

/**
 * The light / dark / system switch in the sidebar and the phone menu: Nextra's look, over a
 * native `<select>`.
 * why: the theme's own switch is a Headless UI listbox anchored with Floating UI, whose ref sets
 * state while React commits the page. That forces a synchronous re-render of the whole layout in
 * the same task as hydration, two switches per page, and it was the largest single blocking task
 * left on every page (README, Performance). A native select needs no script to open, and phones
 * show their own picker.
 */
export function ThemeSwitch({ lite, className }: { lite?: boolean; className?: string }) {
  const { theme, resolvedTheme, setTheme } = useTheme()
  const mounted = useMounted()
  // The stored choice is known only in the browser: the server, and the first render, say Light.
  const selected: ThemeName = mounted && isThemeName(theme) ? theme : 'light'
  const Icon = mounted && resolvedTheme === 'dark' ? MoonIcon : SunIcon
  return (
    <label
      title="Change theme"
      className={cn(
        styles.switch,
        '_flex _items-center _gap-2 _h-7 _rounded-md _px-2 _text-xs _font-medium',
        '_transition-colors _text-gray-600 dark:_text-gray-400',
        className,
      )}
    >
      <Icon />
      <span className={lite ? 'md:_hidden' : ''}>{THEMES[selected]}</span>
      <select
        className={styles.select}
        aria-label="Change theme"
        value={selected}
        onChange={(event) => setTheme(event.target.value)}
      >
        {Object.entries(THEMES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  )
}
