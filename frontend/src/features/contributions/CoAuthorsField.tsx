// The co-author rows of the contribute form: a user id and a share in percent each. Shares are
// basis points on the wire; the submitter keeps what is left, shown live.
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { shareBasisPoints, type CoAuthorRow } from './coAuthors'


interface Props {
  rows: CoAuthorRow[]
  onChange: (rows: CoAuthorRow[]) => void
  fieldErrors: Record<string, string[]>
}

export function CoAuthorsField({ rows, onChange, fieldErrors }: Props) {
  const { t } = useTranslation('contributions')
  const format = useFormat()
  const given = rows.reduce((sum, row) => sum + shareBasisPoints(row.sharePercent), 0)
  const update = (key: number, change: Partial<CoAuthorRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)))
  const listErrors = fieldErrors.co_authors

  return (
    <fieldset className={listErrors ? 'invalid' : undefined} aria-describedby="co-authors-hint">
      <legend>{t('form.coAuthors')}</legend>
      <p id="co-authors-hint" className="hint">
        {t('form.coAuthorsHint')}
      </p>
      {rows.map((row, index) => {
        const number = index + 1
        return (
          <div key={row.key} className="row">
            <TextField
              label={t('form.coAuthorId', { number })}
              required
              value={row.userId}
              onChange={(event) => update(row.key, { userId: event.target.value.trim() })}
              errors={fieldErrors[`co_authors[${index}].user_id`]}
            />
            <TextField
              label={t('form.coAuthorShare', { number })}
              type="number"
              inputMode="decimal"
              min="0.01"
              max="99.99"
              step="0.01"
              required
              value={row.sharePercent}
              onChange={(event) => update(row.key, { sharePercent: event.target.value })}
              errors={fieldErrors[`co_authors[${index}].share_bp`]}
            />
            <button type="button" onClick={() => onChange(rows.filter((other) => other.key !== row.key))}>
              {t('form.removeCoAuthor', { number })}
            </button>
          </div>
        )
      })}
      <p aria-live="polite">{t('form.yourShare', { share: format.share(10_000 - given) })}</p>
      {listErrors && <p className="field-error" role="alert">{listErrors.join(' ')}</p>}
      <button
        type="button"
        onClick={() => onChange([...rows, { key: Date.now() + rows.length, userId: '', sharePercent: '' }])}
      >
        {t('form.addCoAuthor')}
      </button>
    </fieldset>
  )
}
