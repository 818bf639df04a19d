import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'

type Phase = Schemas['Phase']

// A crowdfunding campaign takes pledges in its submission window, and everything after that window
// (review, voting, judging) only means its funding has ended: the voting dates mean nothing to it.
const FUNDING_PHASES: Partial<Record<Phase, 'scheduled' | 'submission' | 'ended'>> = {
  scheduled: 'scheduled',
  submission: 'submission',
  review: 'ended',
  voting: 'ended',
  judging: 'ended',
}

export function PhaseBadge({ phase, kind }: { phase: Phase; kind: Schemas['CampaignKind'] }) {
  const { t } = useTranslation()
  const funding = kind === 'funding' ? FUNDING_PHASES[phase] : undefined
  return <span className={`badge phase-${phase}`}>{funding ? t(`fundingPhase.${funding}`) : t(`phase.${phase}`)}</span>
}
