import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ReportForm } from '../../forms/ReportForm'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { Markdown } from '../../ui/Markdown'
import { PageTitle } from '../../ui/PageTitle'
import { ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import { useCampaign, type Campaign } from '../campaigns/queries'
import { CommentThread } from '../comments/CommentThread'
import { ContributionMedia } from '../media/ContributionMedia'
import { EntryReports } from '../moderation/EntryReports'
import { ModerationLog } from '../moderation/ModerationLog'
import { canModerate, useMyRole } from '../organizations/queries'
import { VoteControls } from '../votes/VoteControls'
import { AuthorList } from './AuthorList'
import { AuthorshipAnswer } from './AuthorshipAnswer'
import { RevisionHistory } from './RevisionHistory'
import { useContribution, useReportContribution, useWithdrawContribution, type Contribution } from './queries'

function OwnerActions({ contribution, campaign }: { contribution: Contribution; campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const withdraw = useWithdrawContribution(contribution.id)
  if (withdraw.isSuccess) return <p role="status">{t('detail.withdrawn')}</p>
  if (campaign.phase !== 'submission' || contribution.status === 'withdrawn') return null
  return (
    <div className="actions">
      <Link className="button" to={`/contributions/${contribution.id}/edit`}>
        {t('detail.edit')}
      </Link>
      <ConfirmButton
        label={t('detail.withdraw')}
        action={t('detail.withdrawAction')}
        question={t('detail.withdrawQuestion')}
        danger
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
      />
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
    </div>
  )
}

function ReportContribution({ contributionId }: { contributionId: string }) {
  const { t } = useTranslation('contributions')
  const report = useReportContribution(contributionId)
  return <ReportForm report={report} heading={t('report.heading')} headingId="report-heading" headingLevel={2} />
}

/** Comments open once a contribution is public and close with the campaign. */
function commentsClosedReason(campaign: Campaign, isPublic: boolean): 'notYet' | 'closed' | null {
  if (campaign.phase === 'closed' || campaign.phase === 'cancelled') return 'closed'
  return isPublic ? null : 'notYet'
}

function ContributionView({ contribution, campaign }: { contribution: Contribution; campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const format = useFormat()
  const me = useMe()
  const myId = me.data?.id
  const isAuthor = contribution.authors.some((author) => author.user_id === myId)
  const isPublic = contribution.status === 'published' || contribution.status === 'shortlisted' || contribution.status === 'winner'
  const { role } = useMyRole(campaign.organization)
  const moderates = canModerate(role)
  const closed = commentsClosedReason(campaign, isPublic)

  return (
    <article className="contribution">
      <PageTitle>{t('detail.pageTitle', { title: contribution.title })}</PageTitle>
      <p>
        <Link to={`/c/${campaign.slug}`}>← {t('detail.inCampaign', { campaign: campaign.title })}</Link>
      </p>
      <h1>{contribution.title}</h1>
      <p className="muted">
        {/* "Published 2 Jan" says the status already; any other status keeps its badge beside the date. */}
        {!(contribution.status === 'published' && contribution.published_at) && (
          <span className="badge">{t(`status.${contribution.status}`, { ns: 'common' })}</span>
        )}
        {contribution.published_at && ` ${t('detail.published', { date: format.date(contribution.published_at) })}`}
      </p>
      {contribution.status === 'submitted' && isAuthor && <p className="notice">{t('detail.submittedNotice')}</p>}
      {contribution.moderation_reason && (
        <p className="notice">{t('detail.moderationReason', { reason: contribution.moderation_reason })}</p>
      )}
      {contribution.parent_id && (
        <p>
          {t('detail.remixOf')} <Link to={`/contributions/${contribution.parent_id}`}>{t('detail.remixOfLink')}</Link>
        </p>
      )}
      {myId && <AuthorshipAnswer contribution={contribution} userId={myId} />}
      {isPublic && <VoteControls campaign={campaign} contribution={contribution} />}
      <ContributionMedia title={contribution.title} media={contribution.media} />
      <Markdown source={contribution.body} headingLevel={2} />
      {contribution.tags.length > 0 && (
        <ul className="tags" aria-label={t('detail.tags')}>
          {contribution.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      <RevisionHistory contribution={contribution} />
      <AuthorList contribution={contribution} />
      <div className="actions">
        {myId === contribution.submitter_id && <OwnerActions contribution={contribution} campaign={campaign} />}
        {myId && isPublic && campaign.phase === 'submission' && (
          <Link className="button" to={`/c/${campaign.slug}/contribute?parent=${encodeURIComponent(contribution.id)}`}>
            {t('detail.remix')}
          </Link>
        )}
        {myId && !isAuthor && <ReportContribution contributionId={contribution.id} />}
      </div>
      <CommentThread
        contributionId={contribution.id}
        viewer={{ userId: myId, moderates, canComment: myId !== undefined && closed === null }}
        closedReason={closed && t(closed, { ns: 'comments' })}
      />
      {moderates && (
        <>
          <EntryReports campaign={campaign} contributionId={contribution.id} />
          <ModerationLog contributionId={contribution.id} />
        </>
      )}
    </article>
  )
}

function WithCampaign({ contribution }: { contribution: Contribution }) {
  const campaign = useCampaign(contribution.campaign_id)
  return <QueryBoundary query={campaign}>{(data) => <ContributionView contribution={contribution} campaign={data} />}</QueryBoundary>
}

/** `/contributions/:id`: one contribution with its authors and what the viewer may do with it. */
export function ContributionPage() {
  const { id = '' } = useParams()
  const contribution = useContribution(id)
  return <QueryBoundary query={contribution}>{(data) => <WithCampaign contribution={data} />}</QueryBoundary>
}
