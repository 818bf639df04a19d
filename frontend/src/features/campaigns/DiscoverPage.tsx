import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { CampaignCard } from './CampaignCard'
import { DiscoverFilters } from './DiscoverFilters'
import { filtersFromParams, paramsFromFilters } from './discoverFilters'
import { useCampaignList, type CampaignFilters } from './queries'

/** How many campaigns each of the front page's sections shows. */
const FEATURED = 6
const OPEN_NOW: CampaignFilters = { phase: 'submission' }
const CLOSING_SOON: CampaignFilters = { phase: 'voting', sort: 'closing_soon' }

/**
 * The home page: how Schwarm works in a few words, the campaigns open now and those whose voting
 * closes soon, then every public campaign, filtered, loading more as you go. A filtered list (from
 * the URL) shows the results alone.
 */
export function DiscoverPage() {
  const { t } = useTranslation('campaigns')
  const [params, setParams] = useSearchParams()
  const filters = filtersFromParams(params)
  const list = useCampaignList(filters)
  const filtered = params.size > 0
  const campaigns = list.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <>
      <PageTitle>{t('discover.pageTitle')}</PageTitle>
      <h1>{t('discover.heading')}</h1>
      <p className="lead">{t('discover.intro')}</p>
      {!filtered && (
        <>
          <HowItWorks />
          <Featured id="open-now" heading={t('home.openHeading')} filters={OPEN_NOW} />
          <Featured id="closing-soon" heading={t('home.closingHeading')} filters={CLOSING_SOON} />
          <h2 className="all-heading">{t('home.allHeading')}</h2>
        </>
      )}
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

function HowItWorks() {
  const { t } = useTranslation('campaigns')
  return (
    <section aria-labelledby="how-heading" className="how-it-works">
      <h2 id="how-heading">{t('home.howHeading')}</h2>
      <ol className="how-steps">
        <li>{t('home.how.contribute')}</li>
        <li>{t('home.how.vote')}</li>
        <li>{t('home.how.win')}</li>
      </ol>
      <p className="hint">{t('home.how.more')}</p>
    </section>
  )
}

/** A section of the front page: the first few campaigns of a list, or nothing if it is empty. */
function Featured({ id, heading, filters }: { id: string; heading: string; filters: CampaignFilters }) {
  const list = useCampaignList(filters)
  const campaigns = (list.data?.pages[0]?.items ?? []).slice(0, FEATURED)
  if (campaigns.length === 0) return null
  return (
    <section aria-labelledby={`${id}-heading`} className="featured">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <div className="grid">
        {campaigns.map((campaign) => (
          <CampaignCard key={campaign.id} campaign={campaign} />
        ))}
      </div>
    </section>
  )
}
