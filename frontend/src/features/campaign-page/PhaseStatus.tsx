// The contest's status line under its title: what the campaign is doing now and what a participant
// can do in it, with the time left ("Voting is open: rate the entries — closes in 2 days."), and
// the button for it. The phase is the server's word (`phase`), and the time left is counted on the
// server's clock (the campaign response's `Date`, see api/serverClock.ts), not on this browser's.
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useFormat } from '../../i18n/format'
import { useServerNow } from '../../ui/useNow'
import { useSignedIn } from '../auth/useSession'
import type { Campaign } from '../campaigns/queries'
import { canManage, useMyRole } from '../organizations/queries'
import { useCampaignAwards } from '../rewards/queries'
import { votingOpen } from '../votes/queries'

/** The boundary each phase counts down to, and its words. */
const DEADLINES = {
  scheduled: ['submissions_open_at', 'scheduled'],
  submission: ['submissions_close_at', 'closes'],
  review: ['voting_open_at', 'review'],
  voting: ['voting_close_at', 'closes'],
} as const

export function PhaseStatus({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaignPage')
  const format = useFormat()
  const now = useServerNow()
  const signedIn = useSignedIn()
  const location = useLocation()
  const { role } = useMyRole(campaign.organization)
  const { phase, schedule } = campaign
  // The same query as the winners' section: "winners announced" only once there are some.
  const awards = useCampaignAwards(campaign.id, phase === 'closed')
  const winners = (awards.data ?? []).some((award) => award.status !== 'cancelled')
  if (phase === 'draft') return null

  const voting = votingOpen(campaign)
  const kind = campaign.kind === 'design' ? 'design' : 'idea'
  const state = phase === 'submission' && voting ? 'submissionVoting' : phase === 'closed' && !winners ? 'ended' : phase
  const todo =
    state === 'submission' || state === 'submissionVoting'
      ? t(`status.todo.${state}_${kind}`)
      : state === 'voting'
        ? t(`status.todo.voting_${campaign.rules.voting_method}`)
        : t(`status.todo.${state}`)
  const deadline = phase in DEADLINES ? DEADLINES[phase as keyof typeof DEADLINES] : undefined
  const when = deadline && schedule ? format.in(Date.parse(schedule[deadline[0]]), now) : null
  const signInTo = (next: string) => `/login?next=${encodeURIComponent(next)}`
  const contribute = `/c/${campaign.slug}/contribute`
  const toEntries = (primary: boolean) => (
    <a className={primary ? 'button primary' : undefined} href="#gallery-heading">
      {t('status.toEntries')}
    </a>
  )

  return (
    <div className="phase-status">
      <p>
        <strong>{t(`status.headline.${state}`)}:</strong>{' '}
        {deadline && when
          ? t('status.sentenceWithDeadline', { todo, deadline: t(`status.deadline.${deadline[1]}`, { when }) })
          : t('status.sentence', { todo })}
      </p>
      {phase === 'submission' ? (
        <p className="actions">
          <Link className="button primary" to={signedIn ? contribute : signInTo(contribute)}>
            {signedIn ? t('page.contribute') : t('page.signInToContribute')}
          </Link>
          {voting && toEntries(false)}
        </p>
      ) : voting ? (
        <p className="actions">
          {!signedIn && (
            <Link className="button primary" to={signInTo(`${location.pathname}${location.search}`)}>
              {t('status.signInToVote')}
            </Link>
          )}
          {toEntries(signedIn)}
        </p>
      ) : (
        state === 'closed' && (
          // Organisers see the awards with their tools, everyone else the winners.
          <a href={canManage(role) ? '#manage-awards-heading' : '#winners-heading'}>{t('status.toWinners')}</a>
        )
      )}
    </div>
  )
}
