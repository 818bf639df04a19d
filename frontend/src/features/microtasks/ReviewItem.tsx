// One answer to review: the task, the answer (a rectangle drawn on the task's image), and Approve
// or Reject with the reason the worker reads. Above the campaign's share of rejections an owner
// confirms each further one: the refusal says why, and an owner can confirm it here. A rejected
// answer can be overturned (approved) within 30 days.
import { useId, useRef, useState, type FormEvent, type Ref } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { TextAreaField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { useNow } from '../../ui/useNow'
import { AnswerView } from './AnswerView'
import { useRefusalText, useTaskMessages } from './problems'
import { hasCode, useReview, type Claim } from './queries'
import { RefusalAlert } from './RefusalAlert'
import { TaskContent } from './TaskContent'

interface ItemProps {
  campaignId: string
  claim: Claim
  /** Reviewed: the news for the status line. */
  onReviewed: (news: string) => void
  headingRef?: Ref<HTMLHeadingElement>
}

function Answer({ claim }: { claim: Claim }) {
  const { t } = useTranslation('microtasks')
  const form = claim.answer_form
  return (
    <>
      <TaskContent task={claim.task} showImage={form.kind !== 'rectangle'} />
      <div className="review-answer">
        <h3>{t('review.theAnswer')}</h3>
        <AnswerView form={form} answer={claim.answer} imageUrl={claim.task.image_url} />
      </div>
    </>
  )
}

function GuardNotice({ error, owner, busy, onConfirm }: { error: unknown; owner: boolean; busy: boolean; onConfirm: () => void }) {
  const { t } = useTranslation('microtasks')
  const text = useRefusalText()
  return (
    <div role="alert" className="alert stack-sm">
      <p>
        <strong>{t('review.guardHeading')}</strong>
      </p>
      <p>{text(error)}</p>
      {owner ? (
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {t('review.confirmOwner')}
        </button>
      ) : (
        <p>{t('review.askOwner')}</p>
      )}
    </div>
  )
}

interface ReviewProps extends ItemProps {
  /** The reviewer owns the organization: they may confirm a rejection above the guard. */
  owner: boolean
  /** The reviewer's own answer: nobody reviews their own. */
  own: boolean
  selected: boolean
  onSelect: (selected: boolean) => void
}

export function ReviewItem({ campaignId, claim, owner, own, selected, onSelect, onReviewed, headingRef }: ReviewProps) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const name = claim.worker_name
  const review = useReview(campaignId, ({ body }) =>
    onReviewed(body.decision === 'approved' ? t('review.approved', { name }) : t('review.rejectedDone', { name })),
  )
  const messages = useTaskMessages(claim.answer_form.kind)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const reasonBox = useRef<HTMLDivElement>(null)
  const rejectButton = useRef<HTMLButtonElement>(null)
  const headingId = useId()
  const guard = hasCode(review.error, 'review.confirmation_required')
  const reasonRefused = review.error instanceof ApiError ? review.error.fieldErrors.filter((error) => error.field === 'reason') : []
  const reasonErrors = missing
    ? [t('review.reasonRequired')]
    : reasonRefused.length > 0
      ? reasonRefused.map((error) => messages({ code: error.code, params: error.params ?? {}, field: error.field }) ?? error.message)
      : undefined

  function focusReason() {
    reasonBox.current?.querySelector('textarea')?.focus()
  }

  function openReject() {
    review.reset()
    flushSync(() => setRejecting(true))
    focusReason()
  }

  function closeReject() {
    review.reset()
    flushSync(() => {
      setRejecting(false)
      setMissing(false)
    })
    rejectButton.current?.focus()
  }

  function approve() {
    review.mutate({ claim, body: { decision: 'approved' } })
  }

  function reject(confirm: boolean) {
    const text = reason.trim()
    if (text === '') {
      review.reset()
      flushSync(() => setMissing(true))
      focusReason()
      return
    }
    review.mutate({ claim, body: { decision: 'rejected', reason: text, ...(confirm ? { confirm_mass_rejection: true } : {}) } })
  }

  function submitReject(event: FormEvent) {
    event.preventDefault()
    reject(false)
  }

  return (
    <article className="card stack-sm review-item" aria-labelledby={headingId}>
      <div className="review-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('review.answerBy', { name })}
        </h2>
        {!own && (
          <span className="field checkbox review-select">
            <input
              id={`${headingId}-select`}
              type="checkbox"
              checked={selected}
              aria-label={t('review.select', { name })}
              onChange={(event) => onSelect(event.target.checked)}
            />
            <label htmlFor={`${headingId}-select`} aria-hidden="true">
              {t('review.selectShort')}
            </label>
          </span>
        )}
      </div>
      <p className="hint">
        {claim.submitted_at && t('review.submittedAt', { date: format.dateTime(claim.submitted_at) })}
        {claim.auto_approve_at && ` · ${t('review.autoApprove', { date: format.dateTime(claim.auto_approve_at) })}`}
      </p>
      <Answer claim={claim} />
      {own ? (
        <p className="notice">{t('review.own')}</p>
      ) : rejecting ? (
        <form onSubmit={submitReject} className="stack-sm reject-form" noValidate aria-label={t('review.reject')}>
          <div ref={reasonBox}>
            <TextAreaField
              label={t('review.reason')}
              required
              rows={3}
              maxLength={1000}
              value={reason}
              onChange={(event) => {
                setMissing(false)
                review.reset()
                setReason(event.target.value)
              }}
              errors={reasonErrors}
            />
          </div>
          <div className="actions">
            <button type="submit" className="danger" disabled={review.isPending} aria-describedby={headingId}>
              {review.isPending ? t('review.rejecting') : t('review.rejectSubmit')}
            </button>
            <button type="button" onClick={closeReject}>
              {t('review.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="primary" disabled={review.isPending} aria-describedby={headingId} onClick={approve}>
            {review.isPending ? t('review.approving') : t('review.approve')}
          </button>
          <button ref={rejectButton} type="button" disabled={review.isPending} aria-describedby={headingId} onClick={openReject}>
            {t('review.reject')}
          </button>
        </div>
      )}
      {guard ? (
        <GuardNotice error={review.error} owner={owner} busy={review.isPending} onConfirm={() => reject(true)} />
      ) : (
        review.isError && reasonRefused.length === 0 && <RefusalAlert error={review.error} kind={claim.answer_form.kind} />
      )}
    </article>
  )
}

/** A rejected answer, with its reason and "Overturn" while the 30 days last. */
export function RejectedItem({ campaignId, claim, onReviewed, headingRef }: ItemProps) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const name = claim.worker_name
  const review = useReview(campaignId, () => onReviewed(t('review.overturned', { name })))
  const headingId = useId()
  const now = useNow(60_000)
  const until = claim.overturnable_until ?? null
  // The API judges by its clock; this only decides whether to offer the button.
  const open = until !== null && Date.parse(until) > now

  function overturn() {
    review.mutate({ claim, body: { decision: 'approved' } })
  }

  return (
    <article className="card stack-sm review-item" aria-labelledby={headingId}>
      <div className="review-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('review.answerBy', { name })}
        </h2>
      </div>
      {claim.review && <p className="hint">{t('review.rejectedAt', { date: format.dateTime(claim.review.reviewed_at) })}</p>}
      {claim.review?.reason && <p className="rejection">{t('review.reasonGiven', { reason: claim.review.reason })}</p>}
      <Answer claim={claim} />
      {open && until ? (
        <div className="actions">
          <button type="button" disabled={review.isPending} aria-describedby={headingId} onClick={overturn}>
            {t('review.overturn')}
          </button>
          <span className="hint">{t('review.overturnUntil', { date: format.dateTime(until) })}</span>
        </div>
      ) : (
        <p className="muted">{t('review.overturnPassed')}</p>
      )}
      {review.isError && <RefusalAlert error={review.error} kind={claim.answer_form.kind} />}
    </article>
  )
}
