// A wide table on a narrow screen: it scrolls sideways inside a visible box that the keyboard can
// reach (arrow keys scroll it once focused), with a hint on a phone that there is more to the side.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="table-scroll-box">
      <p className="scroll-hint hint" aria-hidden="true">
        {t('table.scrollHint')}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
    </div>
  )
}
