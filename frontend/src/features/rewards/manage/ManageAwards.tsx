// The organisers' award tools on a campaign page, loaded only for those who manage it: once voting
// has closed, finalize the awards from the ranking (after a preview of exactly what would be
// created) and move each one along its statuses.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { registerLazyStrings } from '../../../i18n'
import { ConfirmButton } from '../../../ui/ConfirmButton'
import { EmptyState, ErrorAlert, QueryBoundary, QueryStatus } from '../../../ui/QueryStates'
import type { Campaign } from '../../campaigns/queries'
import { AwardList } from '../AwardList'
import { NEXT_STATUSES, useAwardsPreview, useCampaignAwards, useFinalizeAwards, useUpdateAward, type Award, type AwardStatus } from '../queries'
import * as strings from './strings'

// These tools' strings arrive with them (see registerLazyStrings).
registerLazyStrings('awardsManager', strings)

export function ManageAwards({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('awardsManager')
  const awards = useCampaignAwards(campaign.id)
  const finalize = useFinalizeAwards(campaign.id)
  const list = awards.data ?? []
  return (
    <section aria-labelledby="manage-awards-heading" className="awards admin-bar">
      <h2 id="manage-awards-heading">{t('heading')}</h2>
      <QueryStatus query={awards} />
      {awards.isSuccess && list.length === 0 && !finalize.isSuccess && (
        <FinalizeWithPreview campaign={campaign} finalizing={finalize.isPending} onConfirm={() => finalize.mutate()} />
      )}
      {finalize.isSuccess && (
        <p role="status">{finalize.data.created ? t('created') : t('alreadyFinalized')}</p>
      )}
      {finalize.isError && <ErrorAlert error={finalize.error} />}
      {awards.isSuccess &&
        list.length === 0 &&
        (finalize.isSuccess ? (
          <p className="muted">{t('noneAfterFinalize')}</p>
        ) : (
          <EmptyState>
            <p>{t('none')}</p>
          </EmptyState>
        ))}
      {list.length > 0 && <AwardList awards={list} actions={(award) => <AwardActions award={award} campaignId={campaign.id} />} />}
    </section>
  )
}

/** Finalizing in two steps: a preview of exactly what would be created, then the confirmation. */
function FinalizeWithPreview({ campaign, finalizing, onConfirm }: { campaign: Campaign; finalizing: boolean; onConfirm: () => void }) {
  const { t } = useTranslation('awardsManager')
  const [previewing, setPreviewing] = useState(false)
  const preview = useAwardsPreview(campaign.id, previewing)
  if (!previewing) {
    return (
      <>
        <p>{t('intro')}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setPreviewing(true)}>
            {t('preview')}
          </button>
        </div>
      </>
    )
  }
  return (
    <section aria-labelledby="awards-preview-heading" className="stack-sm">
      <h3 id="awards-preview-heading">{t('previewHeading')}</h3>
      <p>{t('previewIntro')}</p>
      <QueryBoundary query={preview}>
        {(planned) => (planned.length === 0 ? <p className="muted">{t('previewEmpty')}</p> : <AwardList awards={planned} />)}
      </QueryBoundary>
      <div className="actions">
        <button type="button" className="primary" disabled={finalizing || !preview.isSuccess} onClick={onConfirm}>
          {finalizing ? t('finalizing') : t('finalize')}
        </button>
        <button type="button" disabled={finalizing} onClick={() => setPreviewing(false)}>
          {t('back')}
        </button>
      </div>
    </section>
  )
}

/** The status steps an award allows from where it stands, with an optional note. */
export function AwardActions({ award, campaignId }: { award: Award; campaignId: string }) {
  const { t } = useTranslation('awardsManager')
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
    <div role="group" aria-label={t('actions', { title: award.contribution_title })} className="stack-sm">
      {next.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={noteId}>{t('note')}</label>
            <input
              id={noteId}
              value={note}
              maxLength={1000}
              aria-describedby={`${noteId}-hint`}
              onChange={(event) => setNote(event.target.value)}
            />
            <p id={`${noteId}-hint`} className="hint">
              {t('noteHint')}
            </p>
          </div>
          <div className="actions">
            {next.includes('approved') && (
              <button type="button" className="primary" disabled={update.isPending} onClick={() => move('approved')}>
                {t('approve')}
              </button>
            )}
            {next.includes('paid') && (
              <button type="button" className="primary" disabled={update.isPending} onClick={() => move('paid')}>
                {t('markPaid')}
              </button>
            )}
            {next.includes('cancelled') && (
              <ConfirmButton
                label={t('cancel')}
                action={t('cancelAction')}
                question={t('cancelQuestion')}
                danger
                busy={update.isPending}
                onConfirm={() => move('cancelled')}
              />
            )}
          </div>
        </>
      )}
      {done && <p role="status">{t('updated', { status: t(`award.status_${done}`, { ns: 'rewards' }) })}</p>}
      {update.isError && <ErrorAlert error={update.error} />}
    </div>
  )
}
