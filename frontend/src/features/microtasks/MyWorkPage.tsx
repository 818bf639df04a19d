// `/me/work` (signed in; loaded lazily): the tasks I took in micro-task campaigns, newest first,
// all or in one state (`?status=`, where a "rejected" notification leads), each with my answer
// and what became of it.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { useMyClaims, type ClaimStatus } from './queries'
import * as strings from './strings'
import { WorkCard } from './WorkCard'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('microtasks', strings)

/** The states to filter by, in the order a worker cares about them. */
const FILTERS: readonly ClaimStatus[] = ['submitted', 'approved', 'rejected', 'active', 'expired', 'released']

function statusOf(value: string | null): ClaimStatus | null {
  return FILTERS.find((status) => status === value) ?? null
}

export function MyWorkPage() {
  const { t } = useTranslation('microtasks')
  const [params, setParams] = useSearchParams()
  const status = statusOf(params.get('status'))
  const claims = useMyClaims(status)
  const filterId = useId()
  return (
    <div className="narrow stack">
      <PageTitle>{t('mine.pageTitle')}</PageTitle>
      <h1>{t('mine.heading')}</h1>
      <p className="lead">{t('mine.intro')}</p>
      <div className="field work-filter">
        <label htmlFor={filterId}>{t('mine.filter')}</label>
        <select
          id={filterId}
          value={status ?? ''}
          onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {}, { replace: true })}
        >
          <option value="">{t('mine.all')}</option>
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryBoundary query={claims}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{status ? t('mine.emptyStatus') : t('mine.empty')}</p>
                {!status && (
                  <p>
                    <Link to="/?kind=microtask" className="button primary">
                      {t('mine.discover')}
                    </Link>
                  </p>
                )}
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="work-list">
                {items.map((claim) => (
                  <li key={claim.id}>
                    <WorkCard claim={claim} />
                  </li>
                ))}
              </ul>
              <LoadMore
                hasMore={claims.hasNextPage}
                auto={false}
                label={t('mine.showMore')}
                loading={claims.isFetchingNextPage}
                onLoadMore={() => void claims.fetchNextPage()}
              />
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
