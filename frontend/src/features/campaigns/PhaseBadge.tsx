import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'

type Phase = Schemas['Phase']

// A crowdfunding campaign takes pledges in its submission window, a micro-task campaign takes work
// in it, and everything after that window (review, voting, judging) only means the funding or the
// work has ended: the voting dates mean nothing to them.
const WINDOW_PHASES: Partial<Record<Phase, 'scheduled' | 'submission' | 'ended'>> = {
  scheduled: 'scheduled',
  submission: 'submission',
  review: 'ended',
  voting: 'ended',
  judging: 'ended',
}

export function PhaseBadge({ phase, kind }: { phase: Phase; kind: Schemas['CampaignKind'] }) {
  const { t } = useTranslation()
  const window = kind === 'funding' || kind === 'microtask' ? WINDOW_PHASES[phase] : undefined
  const text = window === undefined ? t(`phase.${phase}`) : kind === 'funding' ? t(`fundingPhase.${window}`) : t(`taskPhase.${window}`)
  return <span className={`badge phase-${phase}`}>{text}</span>
}
