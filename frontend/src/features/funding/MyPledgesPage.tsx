// `/me/pledges`: the campaigns I back, newest first, each pledge with where it stands and what I
// can still change (amount, reward, payment method, cancel). A notification about a failed
// payment leads here.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { PledgeCard } from './PledgeCard'
import { useMyPledges } from './queries'

export function MyPledgesPage() {
  const { t } = useTranslation('funding')
  const pledges = useMyPledges()
  return (
    <div className="narrow stack">
      <PageTitle>{t('mine.pageTitle')}</PageTitle>
      <h1>{t('mine.heading')}</h1>
      <p className="lead">{t('mine.intro')}</p>
      <QueryBoundary query={pledges}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{t('mine.empty')}</p>
                <p>
                  <Link to="/?kind=funding" className="button primary">
                    {t('mine.discover')}
                  </Link>
                </p>
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="pledge-list">
                {items.map((pledge) => (
                  <li key={pledge.id}>
                    <PledgeCard pledge={pledge} />
                  </li>
                ))}
              </ul>
              <LoadMore
                hasMore={pledges.hasNextPage}
                auto={false}
                label={t('mine.showMore')}
                loading={pledges.isFetchingNextPage}
                onLoadMore={() => void pledges.fetchNextPage()}
              />
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
