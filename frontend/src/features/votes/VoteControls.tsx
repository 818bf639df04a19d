// The voter's controls for one contribution in the campaign's voting method, and the mark of the
// vote already given. Changes show at once (optimistic) and return if the API refuses them.
import { useState, type FormEvent } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import type { Schemas } from '../../api/types'
import { useMe } from '../auth/useMe'
import { useSignedIn } from '../auth/useSession'
import type { Campaign } from '../campaigns/queries'
import { useMyVotes, useVote, votingOpen, type MyVotes } from './queries'
import { StarRating } from './StarRating'
import { describeVoteError } from './voteError'

type Contribution = Pick<Schemas['ContributionResponse'], 'id' | 'title' | 'authors'>

/** "You gave 3 stars": my vote on a contribution, in the method's words. */
function myVoteText(method: Schemas['VotingMethod'], value: number, t: TFunction<'votes'>): string {
  return method === 'stars'
    ? t('vote.yoursStars', { count: value })
    : method === 'budget'
      ? t('vote.yoursPoints', { count: value })
      : value < 0
        ? t('vote.yoursDown')
        : t('vote.yoursUp')
}

/** My vote on a contribution, in the method's words, where the controls do not show it. */
export function MyVoteMark({ method, value }: { method: Schemas['VotingMethod']; value: number | undefined }) {
  const { t } = useTranslation('votes')
  if (value === undefined) return null
  return <p className="my-vote">{myVoteText(method, value, t)}</p>
}

interface MethodProps {
  title: string
  value: number | undefined
  votes: MyVotes | undefined
  busy: boolean
  cast: (value: number | null) => void
}

function Upvote({ value, busy, cast }: MethodProps) {
  const { t } = useTranslation('votes')
  const pressed = value === 1
  return (
    <button type="button" className={pressed ? 'vote pressed' : 'vote'} aria-pressed={pressed} disabled={busy} onClick={() => cast(pressed ? null : 1)}>
      <span aria-hidden="true">▲ </span>
      {pressed ? t('vote.upvoted') : t('vote.upvote')}
    </button>
  )
}

function UpDown({ value, busy, cast }: MethodProps) {
  const { t } = useTranslation('votes')
  return (
    <>
      {([1, -1] as const).map((direction) => (
        <button
          key={direction}
          type="button"
          className={value === direction ? 'vote pressed' : 'vote'}
          aria-pressed={value === direction}
          disabled={busy}
          onClick={() => cast(value === direction ? null : direction)}
        >
          <span aria-hidden="true">{direction === 1 ? '▲ ' : '▼ '}</span>
          {direction === 1 ? t('vote.up') : t('vote.down')}
        </button>
      ))}
    </>
  )
}

/** Stars, cast on an explicit choice (a click, or Enter on the focused star; see StarRating). */
function Stars({ title, value, cast }: MethodProps) {
  const { t } = useTranslation('votes')
  return <StarRating label={t('vote.stars', { title })} value={value} onCast={(stars) => stars !== value && cast(stars)} />
}

function Budget({ title, value, votes, busy, cast }: MethodProps) {
  const { t } = useTranslation('votes')
  // What the voter is typing; until then the field shows the points already given.
  const [draft, setDraft] = useState<string | null>(null)
  const points = draft ?? String(value ?? 1)
  // What I could give this entry: what is left plus what it already has from me.
  const max = Math.max(1, (votes?.remaining ?? votes?.budget ?? 1) + (value ?? 0))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const amount = Number(points)
    if (!Number.isInteger(amount) || amount < 1) return
    setDraft(null)
    cast(amount)
  }
  return (
    <form className="budget-vote" onSubmit={submit}>
      <label>
        {t('vote.points', { title })}{' '}
        <input type="number" inputMode="numeric" min={1} max={max} step={1} required value={points} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        {t('vote.give')}
      </button>
      {value !== undefined && (
        <button type="button" className="link-button" disabled={busy} onClick={() => cast(null)}>
          {t('vote.retract')}
        </button>
      )}
    </form>
  )
}

const CONTROLS = { upvote: Upvote, updown: UpDown, stars: Stars, budget: Budget }

/**
 * Voting on one contribution: the mark of my vote, and while the campaign takes votes the controls
 * of its method (or why there are none: not signed in, or my own entry).
 */
export function VoteControls({ campaign, contribution }: { campaign: Campaign; contribution: Contribution }) {
  const { t } = useTranslation('votes')
  const { t: tCommon } = useTranslation('common')
  const location = useLocation()
  const signedIn = useSignedIn()
  const me = useMe()
  const myVotes = useMyVotes(campaign.id)
  const vote = useVote(campaign.id)
  const method = campaign.rules.voting_method
  const value = myVotes.data?.values[contribution.id]
  const open = votingOpen(campaign)
  const own = contribution.authors.some((author) => author.user_id === me.data?.id)

  if (!open) return <MyVoteMark method={method} value={value} />
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`
    return (
      <p className="vote-controls">
        <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('vote.signIn')}</Link>
      </p>
    )
  }
  if (own && !campaign.rules.allow_self_vote) return <p className="muted">{t('vote.ownEntry')}</p>

  const Control = CONTROLS[method]
  const cast = (next: number | null) => vote.mutate({ contributionId: contribution.id, value: next })
  return (
    <div className="vote-controls" role="group" aria-label={t('vote.label', { title: contribution.title })} aria-busy={vote.isPending}>
      <div className="actions">
        <Control
          title={contribution.title}
          value={value}
          votes={myVotes.data}
          busy={vote.isPending || myVotes.isPending}
          cast={cast}
        />
      </div>
      {method === 'stars' ? (
        // What is cast, always in its place (a card does not grow when its vote arrives), and the
        // way to take it back.
        <p className="vote-status">
          {value === undefined ? (
            <span className="muted">{t('vote.notYet')}</span>
          ) : (
            <>
              <strong>{myVoteText(method, value, t)}</strong>
              <button type="button" className="link-button" onClick={() => cast(null)}>
                {t('vote.retract')}
              </button>
            </>
          )}
        </p>
      ) : (
        method !== 'upvote' && <MyVoteMark method={method} value={value} />
      )}
      {vote.isError && (
        <p role="alert" className="field-error">
          {describeVoteError(vote.error, t, tCommon)}
        </p>
      )}
    </div>
  )
}
