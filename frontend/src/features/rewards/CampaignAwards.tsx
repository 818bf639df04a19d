// Awards on a campaign page. Managers, once voting has closed, finalize them from the ranking and
// move each one along its statuses; everyone sees the winners once the campaign has closed (the
// API answers 403 before, and then there is nothing to show).
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { EmptyState, ErrorAlert, QueryBoundary, QueryStatus } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { useMe } from '../auth/useMe'
import { canManage, useMyRole } from '../organizations/queries'
import { AwardList } from './AwardList'
import {
  NEXT_STATUSES,
  useAwardsPreview,
  useCampaignAwards,
  useFinalizeAwards,
  useUpdateAward,
  type Award,
  type AwardStatus,
} from './queries'

const VOTING_CLOSED = new Set<Campaign['phase']>(['judging', 'closed'])

export function CampaignAwards({ campaign }: { campaign: Campaign }) {
  const { role, isPending } = useMyRole(campaign.organization)
  if (!VOTING_CLOSED.has(campaign.phase)) return null
  if (canManage(role)) return <ManageAwards campaign={campaign} />
  if (isPending || campaign.phase !== 'closed') return null
  return <Winners campaign={campaign} />
}

function Winners({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('rewards')
  const me = useMe()
  const awards = useCampaignAwards(campaign.id)
  if (awards.error instanceof ApiError && awards.error.status === 403) return null
  return (
    <section aria-labelledby="winners-heading" className="awards">
      <h2 id="winners-heading">{t('winners.heading')}</h2>
      <QueryBoundary query={awards}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState>
              <p>{t('winners.empty')}</p>
            </EmptyState>
          ) : (
            <AwardList awards={list} myUserId={me.data?.id} />
          )
        }
      </QueryBoundary>
    </section>
  )
}

export function ManageAwards({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('rewards')
  const awards = useCampaignAwards(campaign.id)
  const finalize = useFinalizeAwards(campaign.id)
  const list = awards.data ?? []
  return (
    <section aria-labelledby="manage-awards-heading" className="awards admin-bar">
      <h2 id="manage-awards-heading">{t('manage.heading')}</h2>
      <QueryStatus query={awards} />
      {awards.isSuccess && list.length === 0 && !finalize.isSuccess && (
        <FinalizeWithPreview campaign={campaign} finalizing={finalize.isPending} onConfirm={() => finalize.mutate()} />
      )}
      {finalize.isSuccess && (
        <p role="status">{finalize.data.created ? t('manage.created') : t('manage.alreadyFinalized')}</p>
      )}
      {finalize.isError && <ErrorAlert error={finalize.error} />}
      {awards.isSuccess &&
        list.length === 0 &&
        (finalize.isSuccess ? (
          <p className="muted">{t('manage.noneAfterFinalize')}</p>
        ) : (
          <EmptyState>
            <p>{t('manage.none')}</p>
          </EmptyState>
        ))}
      {list.length > 0 && <AwardList awards={list} actions={(award) => <AwardActions award={award} campaignId={campaign.id} />} />}
    </section>
  )
}

/** Finalizing in two steps: a preview of exactly what would be created, then the confirmation. */
function FinalizeWithPreview({ campaign, finalizing, onConfirm }: { campaign: Campaign; finalizing: boolean; onConfirm: () => void }) {
  const { t } = useTranslation('rewards')
  const [previewing, setPreviewing] = useState(false)
  const preview = useAwardsPreview(campaign.id, previewing)
  if (!previewing) {
    return (
      <>
        <p>{t('manage.intro')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setPreviewing(true)}>
            {t('manage.preview')}
          </button>
        </div>
      </>
    )
  }
  return (
    <section aria-labelledby="awards-preview-heading" className="stack-sm">
      <h3 id="awards-preview-heading">{t('manage.previewHeading')}</h3>
      <p>{t('manage.previewIntro')}</p>
      <QueryBoundary query={preview}>
        {(planned) => (planned.length === 0 ? <p className="muted">{t('manage.previewEmpty')}</p> : <AwardList awards={planned} />)}
      </QueryBoundary>
      <div className="actions">
        <button type="button" className="primary" disabled={finalizing || !preview.isSuccess} onClick={onConfirm}>
          {finalizing ? t('manage.finalizing') : t('manage.finalize')}
        </button>
        <button type="button" disabled={finalizing} onClick={() => setPreviewing(false)}>
          {t('manage.back')}
        </button>
      </div>
    </section>
  )
}

/** The status steps an award allows from where it stands, with an optional note. */
export function AwardActions({ award, campaignId }: { award: Award; campaignId: string }) {
  const { t } = useTranslation('rewards')
  const update = useUpdateAward(campaignId)
  const [note, setNote] = useState('')
  const [done, setDone] = useState<AwardStatus | null>(null)
  const noteId = useId()
  const next = award.status ? NEXT_STATUSES[award.status] : []
  if (next.length === 0 && done === null) return null

  const move = (status: AwardStatus) => {
    setDone(null)
    const trimmed = note.trim()
    update.mutate(
      { id: award.id, status, note: trimmed === '' ? null : trimmed },
      {
        onSuccess: (changed) => {
          setNote('')
          setDone(changed.status ?? null)
        },
      },
    )
  }
  return (
    <div role="group" aria-label={t('manage.actions', { title: award.contribution_title })} className="stack-sm">
      {next.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={noteId}>{t('manage.note')}</label>
            <input
              id={noteId}
              value={note}
              maxLength={1000}
              aria-describedby={`${noteId}-hint`}
              onChange={(event) => setNote(event.target.value)}
            />
            <p id={`${noteId}-hint`} className="hint">
              {t('manage.noteHint')}
            </p>
          </div>
          <div className="actions">
            {next.includes('approved') && (
              <button type="button" className="primary" disabled={update.isPending} onClick={() => move('approved')}>
                {t('manage.approve')}
              </button>
            )}
            {next.includes('paid') && (
              <button type="button" className="primary" disabled={update.isPending} onClick={() => move('paid')}>
                {t('manage.markPaid')}
              </button>
            )}
            {next.includes('cancelled') && (
              <ConfirmButton
                label={t('manage.cancel')}
                action={t('manage.cancelAction')}
                question={t('manage.cancelQuestion')}
                danger
                busy={update.isPending}
                onConfirm={() => move('cancelled')}
              />
            )}
          </div>
        </>
      )}
      {done && <p role="status">{t('manage.updated', { status: t(`award.status_${done}`) })}</p>}
      {update.isError && <ErrorAlert error={update.error} />}
    </div>
  )
}
