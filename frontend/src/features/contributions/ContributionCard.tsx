import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { MarkdownText } from '../../ui/Markdown'
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
      {/* The text without formatting, clamped to a few lines by CSS. */}
      {contribution.body && <MarkdownText className="excerpt" source={contribution.body} />}
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
