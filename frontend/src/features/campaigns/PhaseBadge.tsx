import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'

export function PhaseBadge({ phase }: { phase: Schemas['Phase'] }) {
  const { t } = useTranslation()
  return <span className={`badge phase-${phase}`}>{t(`phase.${phase}`)}</span>
}
