// The campaign page composes the features that show a campaign (what it is doing now and what to
// do in it, its schedule, prizes and rules, the invitation box, a funding campaign's progress and
// pledge form, awards, both rankings and the gallery) and the organiser's tools (loaded only for
// the campaign's staff). It is the top of them: they import the campaign's data from
// features/campaigns, never this page. A crowdfunding campaign takes pledges, not contributions or
// votes: it shows no prizes, awards, rankings or gallery; nor does a micro-task campaign, whose
// participants answer tasks in the task runner (`/c/:slug/work`, loaded lazily: the page only
// links there).
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { Markdown } from '../../ui/Markdown'
import { PageTitle } from '../../ui/PageTitle'
import { Loading, QueryBoundary } from '../../ui/QueryStates'
import { useSignedIn } from '../auth/useSession'
import { PhaseBadge } from '../campaigns/PhaseBadge'
import { PhaseTimeline } from '../campaigns/PhaseTimeline'
import { PrizeList } from '../campaigns/PrizeList'
import { useCampaign, type Campaign } from '../campaigns/queries'
import { RulesList } from '../campaigns/RulesList'
import { Gallery } from '../contributions/Gallery'
import { canModerate, useMyRole } from '../organizations/queries'
import { useCampaignVisit } from '../reach/useCampaignVisit'
import { CampaignAwards } from '../rewards/CampaignAwards'
import { PointsLeaderboard } from '../rewards/PointsLeaderboard'
import { hasPointsLeaderboard } from '../rewards/queries'
import { Leaderboard } from '../votes/Leaderboard'
import { hasLeaderboard } from '../votes/queries'
import { PhaseStatus } from './PhaseStatus'

// The organiser's tools arrive only for the campaign's staff, with their strings.
const CampaignAdminBar = lazy(async () => ({ default: (await import('./organiser/CampaignAdminBar')).CampaignAdminBar }))
// A funding campaign's sections, and the invitation box of a signed-in participant, arrive only for
// the campaigns and people who see them; the page waits for them (see CampaignPage), so nothing
// moves when they come.
const fundingSections = () => import('../funding/FundingSections')
const BackCampaignLink = lazy(async () => ({ default: (await fundingSections()).BackCampaignLink }))
const FundingProgressSection = lazy(async () => ({ default: (await fundingSections()).FundingProgressSection }))
const PledgeSection = lazy(async () => ({ default: (await fundingSections()).PledgeSection }))
const InviteFriends = lazy(async () => ({ default: (await import('../reach/InviteFriends')).InviteFriends }))

function OrganiserTools({ campaign }: { campaign: Campaign }) {
  const { role } = useMyRole(campaign.organization)
  if (!canModerate(role)) return null
  return (
    <Suspense fallback={null}>
      <CampaignAdminBar campaign={campaign} />
    </Suspense>
  )
}

/** A micro-task campaign's call to action: to the task runner while its work window is open. */
function WorkCall({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaignPage')
  const signedIn = useSignedIn()
  if (campaign.phase !== 'submission') return <p className="muted">{t('page.workClosed')}</p>
  const to = `/c/${campaign.slug}/work`
  return signedIn ? (
    <p className="actions">
      <Link className="button primary" to={to}>
        {t('page.startWorking')}
      </Link>
      <Link to="/me/work">{t('page.myWork')}</Link>
    </p>
  ) : (
    <Link className="button primary" to={`/login?next=${encodeURIComponent(to)}`}>
      {t('page.signInToWork')}
    </Link>
  )
}

/** Phases in which an invitee can still take part. */
const INVITABLE = new Set<Campaign['phase']>(['scheduled', 'submission', 'review', 'voting'])
/** A funding or micro-task campaign's invitee can take part only until its deadline. */
const WINDOW_INVITABLE = new Set<Campaign['phase']>(['scheduled', 'submission'])

function Invite({ campaign }: { campaign: Campaign }) {
  const signedIn = useSignedIn()
  const oneWindow = campaign.kind === 'funding' || campaign.kind === 'microtask'
  if (!signedIn || !(oneWindow ? WINDOW_INVITABLE : INVITABLE).has(campaign.phase)) return null
  // An invitee's first step pays the referrer: a vote or contribution, a pledge in crowdfunding, an
  // answer in micro-tasking.
  return <InviteFriends campaignId={campaign.id} pointsPerReferral={campaign.participation_points.per_referral} />
}

/** What a contest (not a crowdfunding campaign) shows below its brief: awards, rankings, gallery. */
function ContestResults({ campaign }: { campaign: Campaign }) {
  return (
    <>
      <CampaignAwards campaign={campaign} />
      {hasLeaderboard(campaign) && <Leaderboard campaign={campaign} />}
      {hasPointsLeaderboard(campaign) && <PointsLeaderboard campaign={campaign} />}
      {campaign.phase !== 'draft' && <Gallery campaign={campaign} />}
    </>
  )
}

/**
 * A campaign as participants see it: brief, schedule, prizes, rules, rankings and the gallery.
 * Also the target of invitation links (`/c/:slug?via=code`): each view counts its visitor.
 */
export function CampaignPage() {
  const { slug = '' } = useParams()
  const campaign = useCampaign(slug)
  useCampaignVisit(slug, campaign.data)
  return (
    <QueryBoundary query={campaign}>
      {(data) => (
        // Still "Loading…" while the sections this campaign shows (above) arrive: the page then
        // appears whole.
        <Suspense fallback={<Loading />}>
          <CampaignView campaign={data} />
        </Suspense>
      )}
    </QueryBoundary>
  )
}

function CampaignView({ campaign: data }: { campaign: Campaign }) {
  // The cover's text is media's: named here, so the page waits for both namespaces.
  const { t } = useTranslation(['campaignPage', 'media'])
  const funding = data.kind === 'funding'
  const tasks = data.kind === 'microtask'
  return (
    <article className="campaign">
      <PageTitle>{t('page.pageTitle', { title: data.title })}</PageTitle>
      <header className="stack-sm">
        {data.cover_url && <img className="cover" src={data.cover_url} alt={t('image.cover', { ns: 'media', title: data.title })} />}
        <p className="muted">
          <PhaseBadge phase={data.phase} kind={data.kind} />{' '}
          <Link to={`/o/${data.organization}`}>{t('page.by', { organization: data.organization_name || data.organization })}</Link>
        </p>
        <h1>{data.title}</h1>
        {data.summary && <p className="lead">{data.summary}</p>}
        {data.phase === 'draft' && <p className="notice">{t('page.draftNotice')}</p>}
        {funding ? <BackCampaignLink campaign={data} /> : tasks ? <WorkCall campaign={data} /> : <PhaseStatus campaign={data} />}
      </header>
      <OrganiserTools campaign={data} />
      {funding && <FundingProgressSection campaign={data} />}
      <div className="columns">
        <section aria-labelledby="brief-heading" className="main-column">
          <h2 id="brief-heading">{t('page.brief')}</h2>
          {data.brief ? <Markdown source={data.brief} /> : <p className="muted">{t('page.noBrief')}</p>}
        </section>
        <aside className="side-column">
          <PhaseTimeline campaign={data} />
          <Invite campaign={data} />
          {!funding && !tasks && <PrizeList campaign={data} />}
          <RulesList campaign={data} />
        </aside>
      </div>
      {funding ? <PledgeSection campaign={data} /> : !tasks && <ContestResults campaign={data} />}
    </article>
  )
}
