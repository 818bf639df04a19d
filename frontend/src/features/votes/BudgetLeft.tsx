// "7 of 10 points left": shown above the gallery while a budget campaign takes votes.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { Campaign } from '../campaigns/queries'
import { useMyVotes, votingOpen } from './queries'

export function BudgetLeft({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('votes')
  const format = useFormat()
  const myVotes = useMyVotes(campaign.id)
  const data = myVotes.data
  if (campaign.rules.voting_method !== 'budget' || !votingOpen(campaign)) return null
  if (!data || data.remaining === null || data.budget === null) return null
  return (
    <p className="budget-left" role="status" aria-label={t('vote.budgetLeftLabel')}>
      {t('vote.budgetLeft', { left: format.number(data.remaining), budget: format.number(data.budget) })}
    </p>
  )
}
