// One to five stars, cast by an explicit choice: a click on a star, or Enter or Space on the
// focused one. The arrow keys (and Home, End) only move the focus from star to star and show what
// would be cast, outlined, so walking to the fourth star casts nothing on the way. The stars are
// toggle buttons (the cast one is pressed) with one Tab stop for the group (a roving tabindex):
// screen readers say "3 stars, toggle button, pressed".
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'

const STARS = [1, 2, 3, 4, 5] as const

/** Where each key moves the focus from `star`; other keys are not the group's. */
function moveFrom(star: number, key: string): number | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(star + 1, STARS.length)
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(star - 1, 1)
    case 'Home':
      return 1
    case 'End':
      return STARS.length
  }
  return undefined
}

export function StarRating({ label, value, onCast }: { label: string; value: number | undefined; onCast: (stars: number) => void }) {
  const { t } = useTranslation('votes')
  const hintId = useId()
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  // The star the keyboard or the pointer is on (shown outlined while it differs from the vote).
  const [preview, setPreview] = useState<number | null>(null)
  // The group's one Tab stop: the star last focused, else the vote, else the first.
  const [focusable, setFocusable] = useState<number | null>(null)
  const tabStop = focusable ?? value ?? 1
  const shown = preview ?? value ?? 0
  const previewing = preview !== null && preview !== value

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, star: number) => {
    const next = moveFrom(star, event.key)
    if (next === undefined) return
    // Handled here: a dialog around the stars must not take the arrows for its own.
    event.preventDefault()
    setFocusable(next)
    setPreview(next)
    buttons.current[next - 1]?.focus()
  }

  return (
    <div
      className="stars"
      role="group"
      aria-label={label}
      aria-describedby={hintId}
      onMouseLeave={() => setPreview(null)}
      onBlur={(event) => {
        // Focus left the stars: forget the preview, and the Tab stop returns to the vote.
        if (!event.currentTarget.contains(event.relatedTarget)) {
          setPreview(null)
          setFocusable(null)
        }
      }}
    >
      {STARS.map((star) => (
        <button
          key={star}
          ref={(element) => {
            buttons.current[star - 1] = element
          }}
          type="button"
          className={star <= shown ? (previewing ? 'star preview' : 'star lit') : 'star'}
          aria-pressed={star === value}
          tabIndex={star === tabStop ? 0 : -1}
          onClick={() => onCast(star)}
          onKeyDown={(event) => onKeyDown(event, star)}
          onFocus={() => {
            setFocusable(star)
            setPreview(star)
          }}
          onMouseEnter={() => setPreview(star)}
        >
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">{t('vote.star', { count: star })}</span>
        </button>
      ))}
      <span id={hintId} className="visually-hidden">
        {t('vote.starsHint')}
      </span>
    </div>
  )
}
