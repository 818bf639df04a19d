// The co-author rows of the contribute form: a person (found by name or email, sent as their user
// id) and a share in percent each. Shares are basis points on the wire; the submitter keeps what is
// left, shown live.
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { useMe } from '../auth/useMe'
import { PersonPicker } from '../people/PersonPicker'
import type { Person } from '../people/queries'
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
  const me = useMe()
  // Not offered: the submitter (an author already), and whoever another row names.
  const unavailable = (key: number) => (person: Person) => {
    if (person.id === me.data?.id) return t('form.coAuthorIsYou')
    if (rows.some((other) => other.key !== key && other.person?.id === person.id)) {
      return t('form.coAuthorTwice', { name: person.display_name })
    }
    return undefined
  }

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
            <PersonPicker
              label={t('form.coAuthor', { number })}
              required
              value={row.person}
              onChange={(person) => update(row.key, { person })}
              errors={fieldErrors[`co_authors[${index}].user_id`]}
              unavailable={unavailable(row.key)}
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
        onClick={() => onChange([...rows, { key: Date.now() + rows.length, person: null, sharePercent: '' }])}
      >
        {t('form.addCoAuthor')}
      </button>
    </fieldset>
  )
}
