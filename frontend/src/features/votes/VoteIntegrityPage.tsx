// `/c/:slug/vote-integrity` (managers): the API's flags on suspicious votes, each with its reason
// in the reader's language and, opened, the voters and votes it covers; the manager chooses whole
// flags or single votes and takes them out of the score, giving a reason for the audit log.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { useInvalidateVotes, useVoteIntegrity, type IntegrityFlag } from './queries'

/** The flag's reason in the reader's language, from its kind and parameters. */
function useReason() {
  const { t } = useTranslation('votes')
  const format = useFormat()
  return (flag: IntegrityFlag) =>
    t(`integrity.why.${flag.kind}`, {
      voters: format.number(flag.voter_ids.length),
      votes: format.number(flag.votes.length),
      author: flag.params.author_name ?? t('integrity.someone'),
      signedUp: format.number(flag.params.signed_up_through_link ?? 0),
      hour: flag.params.hour ? format.dateTime(flag.params.hour) : '',
    })
}

interface FlagItemProps {
  flag: IntegrityFlag
  chosen: ReadonlySet<string>
  onChoose: (voteIds: string[], on: boolean) => void
}

function FlagItem({ flag, chosen, onChoose }: FlagItemProps) {
  const { t } = useTranslation('votes')
  const format = useFormat()
  const reason = useReason()
  const id = useId()
  const box = useRef<HTMLInputElement>(null)
  const nothingLeft = flag.vote_ids.length === 0
  const taken = flag.vote_ids.filter((voteId) => chosen.has(voteId)).length
  const all = !nothingLeft && taken === flag.vote_ids.length
  useEffect(() => {
    if (box.current) box.current.indeterminate = taken > 0 && !all
  }, [taken, all])
  const names = new Map(flag.voters.map((voter) => [voter.id, voter.display_name]))
  return (
    <li className="card integrity-flag stack-sm">
      <div className="checkbox">
        <input
          ref={box}
          id={id}
          type="checkbox"
          checked={all}
          disabled={nothingLeft}
          onChange={() => onChoose(flag.vote_ids, !all)}
          aria-describedby={`${id}-reason ${id}-counts`}
        />
        <label htmlFor={id}>{t(`integrity.kind.${flag.kind}`)}</label>
      </div>
      <p id={`${id}-reason`}>{reason(flag)}</p>
      <p id={`${id}-counts`} className="muted">
        {t('integrity.voters', { count: flag.voter_ids.length })}
        {' · '}
        {t('integrity.votes', { count: flag.vote_ids.length })}
      </p>
      {flag.votes.length > 0 && (
        <details>
          <summary>{t('integrity.details')}</summary>
          <p>
            <strong>{t('integrity.votersHeading')}</strong>
          </p>
          <ul className="flag-details">
            {flag.voters.map((voter) => (
              <li key={voter.id}>
                {voter.display_name} <span className="muted">({t('integrity.signedUp', { at: format.dateTime(voter.signed_up_at) })})</span>
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('integrity.votesHeading')}</strong>
          </p>
          <ul className="flag-details">
            {flag.votes.map((vote) => {
              const voter = names.get(vote.voter_id) ?? vote.voter_id
              const boxId = `${id}-${vote.id}`
              return (
                <li key={vote.id} className="checkbox">
                  <input
                    id={boxId}
                    type="checkbox"
                    checked={chosen.has(vote.id)}
                    onChange={() => onChoose([vote.id], !chosen.has(vote.id))}
                    aria-label={t('integrity.chooseVote', { voter, title: vote.contribution_title })}
                  />
                  <label htmlFor={boxId}>
                    <strong>{voter}</strong>{' '}
                    {t('integrity.voteLine', { title: vote.contribution_title, value: format.number(vote.value), at: format.dateTime(vote.cast_at) })}
                  </label>
                </li>
              )
            })}
          </ul>
        </details>
      )}
    </li>
  )
}

function IntegrityForm({ campaign, flags }: { campaign: Campaign; flags: IntegrityFlag[] }) {
  const { t } = useTranslation('votes')
  const invalidate = useInvalidateVotes(campaign.id)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [reason, setReason] = useState('')
  const [localError, setLocalError] = useState<{ reason?: string; choice?: string }>({})
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(invalidate.error, fieldsIn(['reason']))
  useFocusFirstProblem(form, invalidate.error)

  // One vote can be flagged for several reasons: it is chosen (and sent) once.
  const voteIds = [...chosen]
  const everything = new Set(flags.flatMap((flag) => flag.vote_ids))

  const choose = (ids: string[], on: boolean) => {
    const next = new Set(chosen)
    for (const voteId of ids) {
      if (on) next.add(voteId)
      else next.delete(voteId)
    }
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
          <button type="button" onClick={() => setChosen(everything)}>
            {t('integrity.selectAll')}
          </button>
          <button type="button" onClick={() => setChosen(new Set())}>
            {t('integrity.selectNone')}
          </button>
        </div>
        <ul className="queue">
          {flags.map((flag, index) => (
            <FlagItem key={`${flag.kind}-${index}`} flag={flag} chosen={chosen} onChoose={choose} />
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
