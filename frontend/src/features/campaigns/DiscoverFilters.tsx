import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { KINDS, LISTED_PHASES, SORTS } from './discoverFilters'
import type { CampaignFilters } from './queries'

interface Props {
  filters: CampaignFilters
  onChange: (filters: CampaignFilters) => void
}

/** Search words apply on submit; the selects apply at once. */
export function DiscoverFilters({ filters, onChange }: Props) {
  const { t } = useTranslation('campaigns')
  const [q, setQ] = useState(filters.q ?? '')
  const [organization, setOrganization] = useState(filters.organization ?? '')

  function submit(event: FormEvent) {
    event.preventDefault()
    onChange({ ...filters, q: q.trim() || undefined, organization: organization.trim() || undefined })
  }
  const select = <K extends 'phase' | 'kind' | 'sort'>(key: K, value: string) =>
    onChange({ ...filters, [key]: value === '' ? undefined : value })

  return (
    <form role="search" aria-label={t('discover.filters')} onSubmit={submit} className="filters">
      <label>
        {t('discover.search')}
        <input type="search" value={q} maxLength={100} onChange={(event) => setQ(event.target.value)} />
      </label>
      <label>
        {t('discover.phase')}
        <select value={filters.phase ?? ''} onChange={(event) => select('phase', event.target.value)}>
          <option value="">{t('discover.any')}</option>
          {LISTED_PHASES.map((phase) => (
            <option key={phase} value={phase}>
              {t(`phase.${phase}`, { ns: 'common' })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('discover.kind')}
        <select value={filters.kind ?? ''} onChange={(event) => select('kind', event.target.value)}>
          <option value="">{t('discover.any')}</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`, { ns: 'common' })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('discover.organization')}
        <input value={organization} maxLength={50} onChange={(event) => setOrganization(event.target.value)} />
      </label>
      <label>
        {t('discover.sort')}
        <select value={filters.sort ?? 'newest'} onChange={(event) => select('sort', event.target.value)}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {sort === 'newest' ? t('discover.sortNewest') : t('discover.sortClosingSoon')}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('discover.searchButton')}</button>
    </form>
  )
}
