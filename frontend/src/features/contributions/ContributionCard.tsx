import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Campaign } from '../campaigns/queries'
import { VoteControls } from '../votes/VoteControls'
import type { Contribution } from './queries'

/**
 * A gallery tile: the first image, title, authors, tags, the start of the description, and my vote
 * (with the controls while the campaign takes votes).
 */
export function ContributionCard({ contribution, campaign }: { contribution: Contribution; campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const authors = contribution.authors.map((author) => author.display_name).join(', ')
  const cover = contribution.media.at(0)
  const excerpt = contribution.body.length > 160 ? `${contribution.body.slice(0, 160)}…` : contribution.body
  return (
    <article className="card">
      {cover && (
        <img
          className="card-image"
          src={cover.url}
          alt={contribution.title}
          loading="lazy"
          width={cover.width}
          height={cover.height}
        />
      )}
      <h3>
        <Link to={`/contributions/${contribution.id}`}>{contribution.title}</Link>
      </h3>
      <p className="muted">{t('gallery.by', { authors })}</p>
      {/* Plain text on purpose: a tile shows no formatting, and markdown syntax would only clutter. */}
      {excerpt && <p className="excerpt">{excerpt}</p>}
      {contribution.tags.length > 0 && (
        <ul className="tags" aria-label={t('detail.tags')}>
          {contribution.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <VoteControls campaign={campaign} contribution={contribution} />
    </article>
  )
}
