// `/me/timeline`: my journey through each campaign I took part in: how I first came (through
// which channel or invitation, or directly), when I joined or signed up there, my first vote and
// first contribution, with what I did and earned, and my invite link for each.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { InviteFriends } from '../reach/InviteFriends'
import { channelKindOf, useSourceName } from '../reach/sources'
import { useMyTimeline, type TimelineEntry } from './queries'

interface Step {
  key: string
  text: string
  /** When it happened; `null` for a step not taken yet. */
  at: string | null
}

/** The steps in the order they happened; those not taken yet last. */
function useSteps(entry: TimelineEntry): Step[] {
  const { t } = useTranslation('timeline')
  const sourceName = useSourceName()
  const source = entry.came_through ?? null
  const steps: Step[] = []
  if (entry.first_touch_at || source) {
    let text = t('step.firstVisit')
    const kind = source ? channelKindOf(source) : null
    if (source && kind !== null) {
      text = t('step.viaChannel', { name: sourceName(source), kind: t(`kind.${kind}`, { ns: 'reach' }) })
    }
    else if (source?.kind === 'referral') text = t('step.viaReferral')
    else if (source?.kind === 'direct') text = t('step.direct')
    steps.push({ key: 'touch', text, at: entry.first_touch_at ?? entry.joined_at })
  }
  steps.push({ key: 'joined', text: entry.signed_up_here ? t('step.signedUp') : t('step.joined'), at: entry.joined_at })
  steps.push({
    key: 'vote',
    text: entry.first_vote_at ? t('step.firstVote') : t('step.noVote'),
    at: entry.first_vote_at ?? null,
  })
  steps.push({
    key: 'contribution',
    text: entry.first_contribution_at ? t('step.firstContribution') : t('step.noContribution'),
    at: entry.first_contribution_at ?? null,
  })
  const time = (step: Step) => (step.at === null ? Number.POSITIVE_INFINITY : Date.parse(step.at))
  // A stable sort keeps first touch before joining when both happened in the same instant.
  return steps.sort((a, b) => time(a) - time(b))
}

function EntryCard({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('timeline')
  const format = useFormat()
  const steps = useSteps(entry)
  const headingId = `timeline-${entry.campaign.id}`
  return (
    <li>
      <article className="card stack-sm" aria-labelledby={headingId}>
        <h2 id={headingId}>
          <Link to={`/c/${entry.campaign.slug}`}>{entry.campaign.title}</Link>
        </h2>
        <ol className="journey" aria-label={t('stepsLabel', { campaign: entry.campaign.title })}>
          {steps.map((step) => (
            <li key={step.key} className={step.at === null ? 'pending' : 'done'}>
              <span>{step.text}</span>
              {step.at !== null && (
                <>
                  {' '}
                  <time dateTime={step.at} className="muted">
                    {format.dateTime(step.at)}
                  </time>
                </>
              )}
            </li>
          ))}
        </ol>
        <dl className="stats">
          <div>
            <dt>{t('votes')}</dt>
            <dd>{format.number(entry.votes)}</dd>
          </div>
          <div>
            <dt>{t('contributions')}</dt>
            <dd>{format.number(entry.contributions)}</dd>
          </div>
          <div>
            <dt>{t('points')}</dt>
            <dd>{format.number(entry.points)}</dd>
          </div>
        </dl>
        <InviteFriends campaignId={entry.campaign.id} headingLevel={3} campaignTitle={entry.campaign.title} />
      </article>
    </li>
  )
}

export function MyTimelinePage() {
  const { t } = useTranslation('timeline')
  const timeline = useMyTimeline()

  return (
    <div className="narrow stack">
      <PageTitle>{t('pageTitle')}</PageTitle>
      <p>
        <Link to="/me">← {t('backToProfile')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      <p className="lead">{t('intro')}</p>
      <QueryBoundary query={timeline}>
        {(data) => {
          const entries = data.pages.flatMap((page) => page.items)
          if (entries.length === 0) {
            return (
              <EmptyState>
                <p>{t('empty')}</p>
                <p>
                  <Link to="/" className="button primary">
                    {t('discover')}
                  </Link>
                </p>
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="timeline-list">
                {entries.map((entry) => (
                  <EntryCard key={entry.campaign.id} entry={entry} />
                ))}
              </ul>
              <LoadMore
                hasMore={timeline.hasNextPage}
                auto={false}
                label={t('showMore')}
                loading={timeline.isFetchingNextPage}
                onLoadMore={() => void timeline.fetchNextPage()}
              />
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
