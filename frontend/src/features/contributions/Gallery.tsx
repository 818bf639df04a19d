// The campaign's public gallery, in the orders the API offers, loading more as you scroll, with
// the voting controls on each card while the campaign takes votes.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { canManage, useMyRole } from '../organizations/queries'
import { BudgetLeft } from '../votes/BudgetLeft'
import { votingOver } from '../votes/queries'
import { ContributionCard } from './ContributionCard'
import { useGallery, type GallerySort } from './queries'

const ALL_SORTS = ['new', 'top', 'hot', 'random'] as const satisfies readonly GallerySort[]
// `top` and `hot` order by votes: the API refuses them while a campaign hides its tallies.
const BY_VOTES = new Set<GallerySort>(['top', 'hot'])

/** One shuffle per page visit: stable while scrolling, different next time. */
function newSeed(): string {
  return Math.random().toString(36).slice(2, 12)
}

function isSort(value: string): value is GallerySort {
  return (ALL_SORTS as readonly string[]).includes(value)
}

export function Gallery({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const { role } = useMyRole(campaign.organization)
  const [sort, setSort] = useState<GallerySort>('new')
  const [seed] = useState(newSeed)
  // Set when the API refused an order by votes after all (our guess about the role was stale).
  const [refused, setRefused] = useState(false)
  const talliesVisible = !refused && (!campaign.rules.hide_tallies || votingOver(campaign) || canManage(role))
  const sorts = ALL_SORTS.filter((option) => talliesVisible || !BY_VOTES.has(option))
  const effectiveSort = sorts.includes(sort) ? sort : 'new'
  const gallery = useGallery(campaign.id, effectiveSort, seed)
  const items = gallery.data?.pages.flatMap((page) => page.items) ?? []
  const forbidden = gallery.error instanceof ApiError && gallery.error.status === 403 && BY_VOTES.has(effectiveSort)

  // Hidden tallies are not an error to show: drop the orders by votes and fall back to newest
  // (state adjusted while rendering, as React recommends over an effect).
  if (forbidden && !refused) setRefused(true)

  return (
    <section aria-labelledby="gallery-heading" aria-busy={gallery.isFetching}>
      <div className="section-header">
        <h2 id="gallery-heading">{t('gallery.heading')}</h2>
        <BudgetLeft campaign={campaign} />
        <label>
          {t('gallery.sort')}{' '}
          <select value={effectiveSort} onChange={(event) => isSort(event.target.value) && setSort(event.target.value)}>
            {sorts.map((option) => (
              <option key={option} value={option}>
                {t(`gallery.sort_${option}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryStatus query={gallery} showError={!forbidden} />
      {gallery.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('gallery.empty')}</p>
          {campaign.phase === 'submission' && <Link to={`/c/${campaign.slug}/contribute`}>{t('gallery.beFirst')}</Link>}
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <div className="grid">
            {items.map((contribution) => (
              <ContributionCard key={contribution.id} contribution={contribution} campaign={campaign} />
            ))}
          </div>
          <LoadMore
            hasMore={gallery.hasNextPage}
            loading={gallery.isFetchingNextPage}
            onLoadMore={() => void gallery.fetchNextPage()}
          />
        </>
      )}
    </section>
  )
}
