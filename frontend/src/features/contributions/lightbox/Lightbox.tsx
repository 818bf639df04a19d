// The gallery's lightbox, loaded the first time someone opens it: one entry's image whole, fitted
// to the screen, with its title, authors and vote, and the way to the entries before and after it.
// A modal dialog: the page behind is inert (the native <dialog>'s showModal), Tab stays inside,
// Esc closes, the arrow keys (outside a field, and outside the stars, which take them for their
// own) go to the previous and next entry. The gallery returns focus to the entry's card on close.
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { registerLazyStrings } from '../../../i18n'
import type { Campaign } from '../../campaigns/queries'
import type { Award } from '../../rewards/queries'
import { VoteControls } from '../../votes/VoteControls'
import { WinnerBadge } from '../ContributionCard'
import type { Contribution } from '../queries'
import * as strings from './strings'

// Its strings arrive with it (see registerLazyStrings).
registerLazyStrings('lightbox', strings)

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]'

/** Keys a field needs for itself (moving the caret, changing a number). */
function isField(target: EventTarget): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

interface LightboxProps {
  campaign: Campaign
  /** The entries it can show (the loaded ones with an image), in the gallery's order. */
  entries: Contribution[]
  index: number
  /** An entry's award, once the campaign has closed and it won one. */
  awardOf: (contribution: Contribution) => Award | undefined
  onMove: (index: number) => void
  onClose: () => void
}

export function Lightbox({ campaign, entries, index, awardOf, onMove, onClose }: LightboxProps) {
  const { t } = useTranslation(['lightbox', 'contributions'])
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const entry = entries[index]
  const image = entry?.media.at(0)
  const hasPrevious = index > 0
  const hasNext = index < entries.length - 1

  useLayoutEffect(() => {
    const element = dialog.current
    if (!element || element.open) return
    // Where the browser has it, the modal dialog makes the page behind inert; elsewhere (jsdom) it is
    // only shown, and the focus trap below keeps Tab inside all the same.
    if (typeof element.showModal === 'function') element.showModal()
    else element.setAttribute('open', '')
    element.querySelector<HTMLElement>('.lightbox-close')?.focus()
    return () => {
      if (typeof element.close === 'function') element.close()
    }
  }, [])

  if (!entry || !image) return null

  const move = (to: number) => {
    if (to >= 0 && to < entries.length) onMove(to)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.defaultPrevented) return
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !isField(event.target)) {
      event.preventDefault()
      move(event.key === 'ArrowLeft' ? index - 1 : index + 1)
    } else if (event.key === 'Tab') {
      const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE))
      const first = focusable.at(0)
      const last = focusable.at(-1)
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last?.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first?.focus()
      }
    }
  }

  // A click on the dark space around the content closes it, as Esc does.
  const onClickAround = (event: MouseEvent) => {
    if (event.target === event.currentTarget) onClose()
  }

  const award = awardOf(entry)
  const authors = entry.authors.map((author) => author.display_name).join(', ')
  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onClick={onClickAround}
      onCancel={(event) => {
        // Esc by other means (a phone's back gesture): close through the gallery, which owns the state.
        event.preventDefault()
        onClose()
      }}
    >
      <div className="lightbox-bar">
        <p className="lightbox-position" aria-live="polite">
          {t('position', { index: index + 1, count: entries.length })}
        </p>
        <button type="button" className="lightbox-close" onClick={onClose}>
          <span aria-hidden="true">✕ </span>
          {t('close')}
        </button>
      </div>
      <div className="lightbox-image" onClick={onClickAround}>
        <img key={image.id} src={image.url} alt={entry.title} width={image.width} height={image.height} decoding="async" />
      </div>
      <div className="lightbox-info">
        {award && <WinnerBadge award={award} />}
        <h2 id={titleId}>
          <Link to={`/contributions/${entry.id}`}>{entry.title}</Link>
        </h2>
        <p className="muted">{t('gallery.by', { ns: 'contributions', authors })}</p>
        {entry.media.length > 1 && <Link to={`/contributions/${entry.id}`}>{t('allImages', { count: entry.media.length })}</Link>}
        <VoteControls campaign={campaign} contribution={entry} />
      </div>
      <div className="lightbox-nav">
        <button type="button" aria-disabled={!hasPrevious} onClick={() => move(index - 1)}>
          <span aria-hidden="true">← </span>
          {t('previous')} <span className="visually-hidden">{t('entry')}</span>
        </button>
        <button type="button" aria-disabled={!hasNext} onClick={() => move(index + 1)}>
          {t('next')} <span className="visually-hidden">{t('entry')}</span>
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </dialog>
  )
}
