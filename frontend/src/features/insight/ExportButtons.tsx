// Downloads of the campaign's CSV exports. They need the session's token, which a plain link
// cannot send: each button fetches through the API client and saves the answer as a file.
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { EXPORT_KINDS, useExport } from './queries'

export function ExportButtons({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('insight')
  const download = useExport(campaign)
  const busy = download.isPending ? download.variables : null
  return (
    <div className="stack-sm">
      <div className="actions">
        {EXPORT_KINDS.map((kind) => (
          <button key={kind} type="button" disabled={download.isPending} onClick={() => download.mutate(kind)}>
            {busy === kind ? t('exports.preparing') : t(`exports.${kind}`)}
          </button>
        ))}
      </div>
      <p role="status" className="hint">
        {download.isSuccess ? t('exports.done', { filename: download.data }) : ''}
      </p>
      {download.isError && <ErrorAlert error={download.error} />}
    </div>
  )
}
