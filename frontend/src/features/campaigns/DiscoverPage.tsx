import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { CampaignCard } from './CampaignCard'
import { DiscoverFilters } from './DiscoverFilters'
import { filtersFromParams, paramsFromFilters } from './discoverFilters'
import { useCampaignList } from './queries'

/** The home page: public campaigns, filtered, newest first, loading more as you scroll. */
export function DiscoverPage() {
  const { t } = useTranslation('campaigns')
  const [params, setParams] = useSearchParams()
  const filters = filtersFromParams(params)
  const list = useCampaignList(filters)
  const filtered = params.size > 0
  const campaigns = list.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <title>{t('discover.pageTitle')}</title>
      <h1>{t('discover.heading')}</h1>
      <p className="lead">{t('discover.intro')}</p>
      {/* Re-mount on URL change so the text inputs show the filters in force (back/forward). */}
      <DiscoverFilters key={params.toString()} filters={filters} onChange={(next) => setParams(paramsFromFilters(next))} />
      <section aria-labelledby="discover-results-heading" aria-busy={list.isFetching}>
        {/* The cards' titles are third-level headings, under this one (for screen readers' outline). */}
        <h2 id="discover-results-heading" className="visually-hidden">
          {t('discover.results')}
        </h2>
        <QueryStatus query={list} />
        {list.isSuccess && campaigns.length === 0 && (
          <EmptyState>
            <p>{filtered ? t('discover.emptyFiltered') : t('discover.empty')}</p>
            {filtered ? (
              <Link to="/">{t('discover.clearFilters')}</Link>
            ) : (
              <Link to="/organizations">{t('discover.createOne')}</Link>
            )}
          </EmptyState>
        )}
        {campaigns.length > 0 && (
          <>
            <div className="grid">
              {campaigns.map((campaign) => (
                <CampaignCard key={campaign.id} campaign={campaign} />
              ))}
            </div>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </section>
    </>
  )
}
