// `/c/:slug/vote-integrity` (managers): the API's flags on suspicious votes, each with its reason;
// the manager chooses flags and takes their votes out of the score, giving a reason for the audit
// log.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { useInvalidateVotes, useVoteIntegrity, type IntegrityFlag } from './queries'

function FlagItem({ flag, checked, onToggle }: { flag: IntegrityFlag; checked: boolean; onToggle: () => void }) {
  const { t } = useTranslation('votes')
  const id = useId()
  const nothingLeft = flag.vote_ids.length === 0
  return (
    <li className="card integrity-flag">
      <div className="checkbox">
        <input id={id} type="checkbox" checked={checked} disabled={nothingLeft} onChange={onToggle} aria-describedby={`${id}-reason ${id}-counts`} />
        <label htmlFor={id}>{t(`integrity.kind.${flag.kind}`)}</label>
      </div>
      <p id={`${id}-reason`}>{flag.reason}</p>
      <p id={`${id}-counts`} className="muted">
        {t('integrity.voters', { count: flag.voter_ids.length })}
        {' · '}
        {t('integrity.votes', { count: flag.vote_ids.length })}
      </p>
    </li>
  )
}

function IntegrityForm({ campaign, flags }: { campaign: Campaign; flags: IntegrityFlag[] }) {
  const { t } = useTranslation('votes')
  const invalidate = useInvalidateVotes(campaign.id)
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set())
  const [reason, setReason] = useState('')
  const [localError, setLocalError] = useState<{ reason?: string; choice?: string }>({})
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(invalidate.error, fieldsIn(['reason']))
  useFocusFirstProblem(form, invalidate.error)

  // One vote can be flagged for several reasons: send each once.
  const voteIds = [...new Set(flags.filter((_, index) => chosen.has(index)).flatMap((flag) => flag.vote_ids))]
  const selectable = flags.flatMap((flag, index) => (flag.vote_ids.length > 0 ? [index] : []))

  const toggle = (index: number) => {
    const next = new Set(chosen)
    if (next.has(index)) next.delete(index)
    else next.add(index)
    setChosen(next)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const errors = {
      reason: reason.trim() === '' ? t('integrity.reasonRequired') : undefined,
      choice: voteIds.length === 0 ? t('integrity.noneChosen') : undefined,
    }
    setLocalError(errors)
    if (errors.reason || errors.choice) return
    invalidate.mutate(
      { vote_ids: voteIds, reason: reason.trim() },
      {
        onSuccess: () => {
          setChosen(new Set())
          setReason('')
        },
      },
    )
  }

  return (
    <form ref={form} className="stack" onSubmit={submit} noValidate>
      <FormAlert problem={problem} />
      <fieldset>
        <legend>{t('integrity.flagsLabel')}</legend>
        <div className="actions">
          <button type="button" onClick={() => setChosen(new Set(selectable))}>
            {t('integrity.selectAll')}
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            {t('integrity.selectNone')}
          </button>
        </div>
        <ul className="queue">
          {flags.map((flag, index) => (
            <FlagItem key={`${flag.kind}-${index}`} flag={flag} checked={chosen.has(index)} onToggle={() => toggle(index)} />
          ))}
        </ul>
        <p className="muted" aria-live="polite">
          {t('integrity.chosen', { count: voteIds.length })}
        </p>
        {localError.choice && (
          <p role="alert" className="field-error">
            {localError.choice}
          </p>
        )}
      </fieldset>
      <TextAreaField
        label={t('integrity.reason')}
        required
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        errors={[localError.reason, ...(problem.fields.reason ?? [])].filter((message): message is string => !!message)}
      />
      <div className="actions">
        <button type="submit" className="danger" disabled={invalidate.isPending}>
          {invalidate.isPending ? t('integrity.invalidating') : t('integrity.invalidate')}
        </button>
      </div>
      {invalidate.isSuccess && <p role="status">{t('integrity.done', { count: invalidate.data.invalidated })}</p>}
    </form>
  )
}

function Flags({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('votes')
  const integrity = useVoteIntegrity(campaign.id)
  return (
    <QueryBoundary query={integrity}>
      {(flags) =>
        flags.length === 0 ? (
          <EmptyState>
            <p>{t('integrity.empty')}</p>
          </EmptyState>
        ) : (
          <IntegrityForm campaign={campaign} flags={flags} />
        )
      }
    </QueryBoundary>
  )
}

export function VoteIntegrityPage() {
  const { t } = useTranslation('votes')
  return (
    <CampaignSubpage title={(campaign) => t('integrity.pageTitle', { campaign: campaign.title })} heading={() => t('integrity.heading')}>
      {(campaign) => (
        <>
          <p className="lead">{t('integrity.intro')}</p>
          <Flags campaign={campaign} />
        </>
      )}
    </CampaignSubpage>
  )
}
