import { site } from '@/lib/site'

/** The handbook's mark (a padlock) and name, shown at the left of the navbar. */
export function Logo() {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.5rem', fontWeight: 700 }}>
      {/* why: the decorative icon is hidden from assistive tech; the name next to it is the label. */}
      <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="#4f46e5" />
        <path
          d="M11 14v-3a5 5 0 0 1 10 0v3"
          fill="none"
          stroke="#fff"
          strokeWidth="2.5"
          strokeLinecap="round"
        />
        <rect x="8" y="14" width="16" height="12" rx="2.5" fill="#fff" />
        <circle cx="16" cy="20" r="2" fill="#4f46e5" />
      </svg>
      {site.shortName}
    </span>
  )
}
