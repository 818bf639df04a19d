// One of my claims: the campaign, where it stands, the task, my answer, and what its state means
// for me: waiting for review (and until when before it is approved by itself), approved with its
// points, rejected with the reason (first, where it is seen), or the time that ran out.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { AnswerView } from './AnswerView'
import { ClaimStatusBadge } from './ClaimStatusBadge'
import type { Claim } from './queries'
import { useTaskExcerpt } from './wording'

function useStateLine(): (claim: Claim) => string | null {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  return (claim) => {
    switch (claim.status) {
      case 'submitted':
        return claim.auto_approve_at ? t('mine.autoApprove', { date: format.dateTime(claim.auto_approve_at) }) : t('mine.waiting')
      case 'approved': {
        const paid = claim.points > 0 ? t('mine.approved', { count: claim.points }) : t('mine.approvedNoPoints')
        if (claim.review?.overturned_at) return `${paid} ${t('mine.overturned')}`
        return claim.review?.automatic ? `${paid} ${t('mine.approvedAutomatically')}` : paid
      }
      case 'rejected':
        return claim.review ? t('mine.rejectedOn', { date: format.dateTime(claim.review.reviewed_at) }) : null
      case 'active':
        return t('mine.active', { time: format.dateTime(claim.lease_expires_at) })
      case 'expired':
        return t('mine.expired')
      case 'released':
        return t('mine.released')
    }
  }
}

export function WorkCard({ claim }: { claim: Claim }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const excerpt = useTaskExcerpt()
  const stateLine = useStateLine()(claim)
  const headingId = useId()
  const answered = claim.submitted_at !== null && claim.submitted_at !== undefined
  const line = stateLine && <p>{stateLine}</p>
  return (
    <article className={`card stack-sm work-card work-${claim.status}`} aria-labelledby={headingId}>
      <div className="work-head">
        <h2 id={headingId}>
          <Link to={`/c/${claim.campaign_slug}`}>{claim.campaign_title}</Link>
        </h2>
        <ClaimStatusBadge status={claim.status} />
      </div>
      {claim.status === 'rejected' && (
        <div className="rejection stack-sm">
          <p>
            <strong>{t('mine.rejectedBecause')}</strong> {claim.review?.reason ?? t('mine.noReason')}
          </p>
          {line}
        </div>
      )}
      <dl className="facts">
        <div>
          <dt>{t('mine.task')}</dt>
          <dd>{excerpt(claim.task)}</dd>
        </div>
        {answered && (
          <div>
            <dt>{t('mine.myAnswer')}</dt>
            <dd>
              <AnswerView form={claim.answer_form} answer={claim.answer} imageUrl={claim.task.image_url} />
            </dd>
          </div>
        )}
        <div>
          <dt>{answered ? t('mine.answered') : t('mine.taken')}</dt>
          <dd>{format.dateTime(claim.submitted_at ?? claim.created_at)}</dd>
        </div>
      </dl>
      {claim.status !== 'rejected' && line}
      <p>
        <Link to={`/c/${claim.campaign_slug}/work`}>{claim.status === 'active' ? t('mine.continue') : t('mine.moreTasks')}</Link>
      </p>
    </article>
  )
}
