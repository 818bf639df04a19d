import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { MarkdownText } from '../../ui/Markdown'
import type { Campaign } from '../campaigns/queries'
import { BadgeIcon } from '../rewards/BadgeIcon'
import type { Award } from '../rewards/queries'
import { VoteControls } from '../votes/VoteControls'
import type { Contribution } from './queries'
import { srcSetOf } from '../media/srcSet'

/** "1st place · First prize": a winning entry's mark (the rank of its tie group and its prize). */
export function WinnerBadge({ award }: { award: Pick<Award, 'rank' | 'title'> }) {
  const { t } = useTranslation('contributions')
  return (
    <p className="winner-badge">
      <BadgeIcon kind="first_win" />
      {t('gallery.winner', { place: t('gallery.place', { count: award.rank, ordinal: true }), prize: award.title })}
    </p>
  )
}

interface CardProps {
  contribution: Contribution
  campaign: Campaign
  /** Its award, once the campaign has closed and it won one. */
  award?: Award
  /** Whether a card without an image keeps the image's place, so that it lines up with the others. */
  framed: boolean
  /** The id of its image button, where focus returns when the lightbox closes. */
  frameId: string
  /** Opens the lightbox on its image. */
  onView: () => void
  /** Warms the lightbox's code while the pointer or focus comes near. */
  onPreview?: () => void
}

/**
 * A gallery tile, the same size as every other: the first image in a 4:3 frame (cropped; the
 * lightbox shows it whole), title, authors, a few lines of the description, tags, an award, and my
 * vote with the controls while the campaign takes votes, at the bottom where every card has them.
 */
export function ContributionCard({ contribution, campaign, award, framed, frameId, onView, onPreview }: CardProps) {
  const { t } = useTranslation('contributions')
  const authors = contribution.authors.map((author) => author.display_name).join(', ')
  const cover = contribution.media.at(0)
  return (
    <article className={award ? 'card entry-card winner' : 'card entry-card'}>
      {cover ? (
        <button
          type="button"
          id={frameId}
          className="card-frame"
          aria-label={t('gallery.view', { title: contribution.title })}
          onClick={onView}
          onPointerEnter={onPreview}
          onFocus={onPreview}
        >
          {/* Its own size, so the page does not jump when it arrives; the frame crops it to 4:3. */}
          <img
            src={cover.url}
            srcSet={srcSetOf(cover)}
            // A card is the full width of a phone, a column of the grid elsewhere.
            sizes="(max-width: 600px) 100vw, 360px"
            alt={contribution.title}
            width={cover.width}
            height={cover.height}
            loading="lazy"
            decoding="async"
          />
        </button>
      ) : (
        framed && (
          <div className="card-frame empty" aria-hidden="true">
            {Array.from(contribution.title.trim()).at(0)}
          </div>
        )
      )}
      {award && <WinnerBadge award={award} />}
      <h3>
        <Link to={`/contributions/${contribution.id}`}>{contribution.title}</Link>
      </h3>
      <p className="muted byline">{t('gallery.by', { authors })}</p>
      {/* The text without formatting, clamped to a few lines by CSS. */}
      {contribution.body && <MarkdownText className="excerpt" source={contribution.body} />}
      {contribution.tags.length > 0 && (
        <ul className="tags" aria-label={t('detail.tags')}>
          {contribution.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <div className="card-vote">
        <VoteControls campaign={campaign} contribution={contribution} />
      </div>
    </article>
  )
}
