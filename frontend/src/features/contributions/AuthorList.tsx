import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { Contribution } from './queries'

export function AuthorList({ contribution }: { contribution: Contribution }) {
  const { t } = useTranslation('contributions')
  const format = useFormat()
  return (
    <section aria-labelledby="authors-heading">
      <h2 id="authors-heading">{t('detail.authors')}</h2>
      <ul>
        {contribution.authors.map((author) => (
          <li key={author.user_id}>
            <strong>{author.display_name}</strong> — {t('detail.share', { share: format.share(author.share_bp) })}
            {!author.accepted && <span className="muted"> ({t('detail.pending')})</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
