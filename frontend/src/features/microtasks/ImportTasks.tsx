// Imports a CSV or JSON file of tasks: the file goes up with a progress bar, then the server
// checks every row (all or nothing), then the counts. A refused file lists every bad row with its
// field and what is wrong, in the UI's language, so the organiser can fix the file and try again.
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { useFormat } from '../../i18n/format'
import { rowField, useTaskMessages } from './problems'
import { useImportTasks, type AnswerKind, type ImportStage } from './queries'
import { RefusalAlert } from './RefusalAlert'

/** The API lists at most this many bad rows. */
const LISTED = 100

interface RowProblem {
  key: string
  row: number | null
  field: string
  message: string
}

function ImportErrors({ error, kind }: { error: unknown; kind: AnswerKind }) {
  const { t } = useTranslation('microtasks')
  const messages = useTaskMessages(kind)
  const format = useFormat()
  if (!(error instanceof ApiError)) return <RefusalAlert error={error} kind={kind} />
  if (error.status === 413) return <Alert text={t('import.tooLarge')} />
  if (error.status === 415) return <Alert text={t('import.notCsvOrJson')} />
  if (error.status === 400) return <Alert text={t('import.notJson')} />
  const fieldErrors = error.fieldErrors
  if (fieldErrors.length === 0) return <RefusalAlert error={error} kind={kind} />
  const rows: RowProblem[] = fieldErrors
    .map((fieldError, index) => {
      const param = fieldError.params?.row
      const indexed = /^tasks\[(\d+)\]/.exec(fieldError.field)
      const row = typeof param === 'number' ? param : indexed ? Number(indexed[1]) + 1 : null
      const field = fieldError.field === 'body' ? '' : rowField(fieldError.field)
      const message = messages({ code: fieldError.code, params: fieldError.params ?? {}, field: fieldError.field }) ?? fieldError.message
      return { key: `${index}`, row, field, message }
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  // A file that cannot be read at all has no rows to list.
  if (fieldErrors.every((fieldError) => fieldError.code === 'import.unreadable')) return <Alert text={rows.map((row) => row.message).join(' ')} />
  return (
    <div role="alert" className="alert stack-sm import-errors">
      <p>{t('import.failed')}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('import.errorsCaption')}>
        <table>
          <caption>{t('import.errorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.field')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="num">
                  {row.row === null ? '–' : row.row === 0 ? t('import.header') : format.number(row.row)}
                </th>
                <td>
                  <code>{row.field || '–'}</code>
                </td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fieldErrors.length >= LISTED && <p>{t('import.rowsTruncated')}</p>}
    </div>
  )
}

function Alert({ text }: { text: string }) {
  return (
    <div role="alert" className="alert">
      <p>{text}</p>
    </div>
  )
}

export function ImportTasks({ campaignId, kind }: { campaignId: string; kind: AnswerKind }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const importing = useImportTasks(campaignId)
  const [file, setFile] = useState<File | null>(null)
  const [stage, setStage] = useState<ImportStage | null>(null)
  const [missing, setMissing] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const ids = useId()

  function submit(event: FormEvent) {
    event.preventDefault()
    if (importing.isPending) return
    if (file === null) {
      flushSync(() => setMissing(true))
      input.current?.focus()
      return
    }
    importing.mutate({ file, onStage: setStage }, { onSettled: () => setStage(null) })
  }

  const result = importing.data
  // The status line says each stage once; the bar (not read out) shows the share sent.
  const said =
    stage?.stage === 'uploading'
      ? t('import.uploading')
      : stage?.stage === 'checking'
        ? t('import.checking')
        : importing.isSuccess && result
          ? t('import.done', {
              count: result.imported,
              gold: format.number(result.gold),
              total: format.number(result.total),
            })
          : ''
  return (
    <form onSubmit={submit} className="stack-sm import-tasks" noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('import.heading')}</h2>
      <p className="hint">{t('import.intro')}</p>
      <div className={missing ? 'field invalid' : 'field'}>
        <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
        <input
          ref={input}
          id={`${ids}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${ids}-missing` : undefined}
          onChange={(event) => {
            setMissing(false)
            importing.reset()
            setFile(event.target.files?.[0] ?? null)
          }}
        />
        {missing && (
          <p id={`${ids}-missing`} className="field-error">
            {t('import.chooseFile')}
          </p>
        )}
      </div>
      <button type="submit" className="primary" disabled={importing.isPending}>
        {t('import.submit')}
      </button>
      {stage && (
        <div className="upload-progress">
          {stage.stage === 'uploading' ? (
            <>
              <progress max={100} value={Math.round(stage.fraction * 100)} aria-label={t('import.progress')} />
              <span aria-hidden="true">{format.percent(stage.fraction)}</span>
            </>
          ) : (
            <progress aria-label={t('import.progress')} />
          )}
        </div>
      )}
      <p role="status" className="status-line">
        {said}
      </p>
      {importing.isError && <ImportErrors error={importing.error} kind={kind} />}
    </form>
  )
}
