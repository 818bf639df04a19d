// Badge icons, drawn inline: emoji render as empty boxes where no emoji font is installed. They
// only decorate; the badge's name, in its heading, says what it is.
import type { ReactNode } from 'react'
import type { BadgeKind } from './queries'

const PATHS: Record<BadgeKind, ReactNode> = {
  // A seedling: something of yours has taken root.
  first_contribution: (
    <>
      <path d="M12 21v-9" />
      <path d="M12 12C12 8.5 9.5 6 5 6c0 4 2.5 6 7 6Z" />
      <path d="M12 10c0-3.5 2.5-6 7-6 0 4-2.5 6-7 6Z" />
      <path d="M7 21h10" />
    </>
  ),
  // A trophy.
  first_win: (
    <>
      <path d="M7 4h10v5a5 5 0 0 1-10 0Z" />
      <path d="M7 6H4.5a2.5 2.5 0 0 0 3 3.8" />
      <path d="M17 6h2.5a2.5 2.5 0 0 1-3 3.8" />
      <path d="M12 14v4" />
      <path d="M8 21h8l-1-3H9Z" />
    </>
  ),
  // A ticked ballot going into a ballot box.
  top_ten_voter: (
    <>
      <path d="M8 12V3h8v9" />
      <path d="m10 7.5 1.5 1.5 3-3" />
      <path d="M3 12h18" />
      <path d="M4 12v8h16v-8" />
    </>
  ),
}

export function BadgeIcon({ kind }: { kind: BadgeKind }) {
  return (
    <svg
      className="badge-icon"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[kind]}
    </svg>
  )
}
