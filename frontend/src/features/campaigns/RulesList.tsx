import { useTranslation } from 'react-i18next'
import type { Campaign } from './queries'

/**
 * The rules in plain sentences: every participant should see them before taking part. Of a
 * crowdfunding campaign's, only who may take part: it has no contributions, votes or points (its
 * funding rule is shown with its progress). A micro-task campaign pays approved answers instead.
 */
export function RulesList({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns')
  const rules = campaign.rules
  const points = campaign.participation_points
  const method = rules.voting_method ?? 'upvote'
  const eligibility = t(`rules.eligibility_${rules.eligibility ?? 'open'}`)
  const contest = [
    t('rules.maxContributions', { count: rules.max_contributions_per_member ?? 1 }),
    t(`rules.voting_${method}`, { budget: rules.vote_budget ?? 0 }),
    rules.allow_self_vote ? t('rules.selfVoteAllowed') : t('rules.selfVoteForbidden'),
    rules.vote_during_submission && t('rules.voteDuringSubmission'),
    rules.hide_tallies && t('rules.hideTallies'),
    rules.jury_weight_percent ? t('rules.jury', { percent: rules.jury_weight_percent }) : false,
    rules.remix_credit_percent ? t('rules.remixCredit', { percent: rules.remix_credit_percent }) : false,
    rules.require_approval && t('rules.approval'),
    rules.guaranteed_prize && t('rules.guaranteedPrize'),
    eligibility,
    t('rules.points', {
      contribution: points.per_contribution ?? 0,
      vote: points.per_vote ?? 0,
      referral: points.per_referral ?? 0,
    }),
  ].filter((sentence): sentence is string => typeof sentence === 'string')
  const sentences =
    campaign.kind === 'funding' ? [eligibility] : campaign.kind === 'microtask' ? [t('rules.tasks'), eligibility] : contest
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('rules.heading')}</h2>
      <ul>
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  )
}
