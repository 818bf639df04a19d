// "Edited · 2 earlier versions": what a contribution said before each edit made after it was first
// published, folded away under the entry. Readers can check that an entry which collected votes did
// not quietly become something else. Nothing shows for an entry never edited since.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { Markdown } from '../../ui/Markdown'
import { ErrorAlert } from '../../ui/QueryStates'
import { useRevisions, type Contribution, type Revision } from './queries'

function RevisionItem({ revision }: { revision: Revision }) {
  const { t } = useTranslation('contributions')
  const format = useFormat()
  const headingId = `revision-${revision.id}`
  return (
    <li>
      <article aria-labelledby={headingId} className="stack-sm">
        <p className="muted">
          <time dateTime={revision.replaced_at}>{t('revisions.replaced', { date: format.dateTime(revision.replaced_at) })}</time>
        </p>
        <h3 id={headingId}>{revision.title}</h3>
        <Markdown source={revision.body} headingLevel={4} />
        {revision.tags.length > 0 && (
          <ul className="tags" aria-label={t('detail.tags')}>
            {revision.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
      </article>
    </li>
  )
}

export function RevisionHistory({ contribution }: { contribution: Contribution }) {
  const { t } = useTranslation('contributions')
  const revisions = useRevisions(contribution)
  // The history is an aside: while it loads, or if it fails, the entry shows without it.
  const items = revisions.data?.pages.flatMap((page) => page.items) ?? []
  if (items.length === 0) return null
  const more = revisions.hasNextPage
  return (
    <details className="revisions">
      <summary>{more ? t('revisions.summaryMore', { count: items.length }) : t('revisions.summary', { count: items.length })}</summary>
      <ol aria-label={t('revisions.label')}>
        {items.map((revision) => (
          <RevisionItem key={revision.id} revision={revision} />
        ))}
      </ol>
      {more && (
        <LoadMore
          hasMore
          auto={false}
          loading={revisions.isFetchingNextPage}
          label={t('revisions.loadMore')}
          onLoadMore={() => void revisions.fetchNextPage()}
        />
      )}
      {revisions.isFetchNextPageError && <ErrorAlert error={revisions.error} onRetry={() => void revisions.fetchNextPage()} />}
    </details>
  )
}
