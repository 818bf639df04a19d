// The campaign's public gallery: cards of one size (the image cropped to a frame, the vote at the
// bottom of each), in the orders the API offers, loading more on demand; a lightbox shows an entry's
// image whole. While the campaign takes votes the entries come shuffled, so that the first ones
// listed do not collect the votes; once it has closed, the winners carry their award.
import { lazy, Suspense, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { visitorId } from '../../api/visitor'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { useSignedIn } from '../auth/useSession'
import type { Campaign } from '../campaigns/queries'
import { canManage, useMyRole } from '../organizations/queries'
import { useCampaignAwards, type Award } from '../rewards/queries'
import { BudgetLeft } from '../votes/BudgetLeft'
import { votingOpen, votingOver } from '../votes/queries'
import { ContributionCard } from './ContributionCard'
import { useGallery, type Contribution, type GallerySort } from './queries'

const ALL_SORTS = ['new', 'top', 'hot', 'random'] as const satisfies readonly GallerySort[]
// `top` and `hot` order by votes: the API refuses them while a campaign hides its tallies.
const BY_VOTES = new Set<GallerySort>(['top', 'hot'])

// Few open it: its code arrives the first time a pointer or the focus comes near an image.
const loadLightbox = () => import('./lightbox/Lightbox')
const Lightbox = lazy(async () => ({ default: (await loadLightbox()).Lightbox }))

function isSort(value: string): value is GallerySort {
  return (ALL_SORTS as readonly string[]).includes(value)
}

const frameId = (contribution: Contribution) => `entry-frame-${contribution.id}`

/** The winners' awards by entry, once the campaign has closed (the API publishes them then). */
function useWinners(campaign: Campaign): Map<string, Award> {
  const closed = campaign.phase === 'closed'
  const awards = useCampaignAwards(campaign.id, closed)
  const winners = new Map<string, Award>()
  if (!closed) return winners
  for (const award of awards.data ?? []) {
    if (award.status !== 'cancelled' && !winners.has(award.contribution_id)) winners.set(award.contribution_id, award)
  }
  return winners
}

export function Gallery({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const { role } = useMyRole(campaign.organization)
  const signedIn = useSignedIn()
  // Chosen by the visitor; until then shuffled while votes are taken, newest first otherwise.
  const [chosen, setChosen] = useState<GallerySort | null>(null)
  // The same shuffle on every page and every visit: the API's own for a signed-in user, the
  // visitor id's for anyone else.
  const [visitor] = useState(visitorId)
  // Set when the API refused an order by votes after all (our guess about the role was stale).
  const [refused, setRefused] = useState(false)
  // The entry the lightbox shows, by id: it stays on it while more entries load.
  const [viewing, setViewing] = useState<string | null>(null)
  const winners = useWinners(campaign)
  const talliesVisible = !refused && (!campaign.rules.hide_tallies || votingOver(campaign) || canManage(role))
  const sorts = ALL_SORTS.filter((option) => talliesVisible || !BY_VOTES.has(option))
  const sort = chosen ?? (votingOpen(campaign) ? 'random' : 'new')
  const effectiveSort = sorts.includes(sort) ? sort : 'new'
  const gallery = useGallery(campaign.id, effectiveSort, signedIn ? null : visitor)
  const items = gallery.data?.pages.flatMap((page) => page.items) ?? []
  const forbidden = gallery.error instanceof ApiError && gallery.error.status === 403 && BY_VOTES.has(effectiveSort)
  const framed = items.some((contribution) => contribution.media.length > 0)
  const viewable = items.filter((contribution) => contribution.media.length > 0)
  const viewingIndex = viewable.findIndex((contribution) => contribution.id === viewing)

  // Hidden tallies are not an error to show: drop the orders by votes and fall back to newest
  // (state adjusted while rendering, as React recommends over an effect).
  if (forbidden && !refused) setRefused(true)

  const closeLightbox = () => {
    const shown = viewable[viewingIndex]
    flushSync(() => setViewing(null))
    // Back to the card of the entry last shown (the arrows may have moved on from the one opened).
    if (shown) document.getElementById(frameId(shown))?.focus()
  }

  return (
    <>
      <section aria-labelledby="gallery-heading" aria-busy={gallery.isFetching}>
        <div className="section-header">
          <h2 id="gallery-heading">{t('gallery.heading')}</h2>
          <BudgetLeft campaign={campaign} />
          <label>
            {t('gallery.sort')}{' '}
            <select value={effectiveSort} onChange={(event) => isSort(event.target.value) && setChosen(event.target.value)}>
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
            <div className="grid gallery-grid">
              {items.map((contribution) => (
                <ContributionCard
                  key={contribution.id}
                  contribution={contribution}
                  campaign={campaign}
                  award={winners.get(contribution.id)}
                  framed={framed}
                  frameId={frameId(contribution)}
                  onView={() => setViewing(contribution.id)}
                  onPreview={() => void loadLightbox()}
                />
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
      {/* Outside the section, which is busy while more entries load: the dialog is not. */}
      {viewingIndex >= 0 && (
        <Suspense fallback={null}>
          <Lightbox
            campaign={campaign}
            entries={viewable}
            index={viewingIndex}
            awardOf={(contribution) => winners.get(contribution.id)}
            onMove={(index) => setViewing(viewable[index]?.id ?? null)}
            onClose={closeLightbox}
          />
        </Suspense>
      )}
    </>
  )
}
