// The campaign's backers (managers), all or in one state, with their reward, amount, state (and
// until when a failed or awaited payment may still come) and payment method; a pledge paid by
// bank transfer or invoice is marked paid here when its money arrives. The CSV download carries
// the session's token, so it is fetched through the API client rather than linked.
import { Fragment, useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { canRecordPayment, isKnownMethod, isPledgeStatus, PLEDGE_STATUSES } from './model'
import { StatusBadge } from './PledgeStatus'
import { useFundingFormProblem } from './problems'
import { useBackerExport, useBackers, useRecordPayment, type Pledge, type PledgeStatus } from './queries'

const COLUMNS = 7

interface RecordFormProps {
  campaignId: string
  pledge: Pledge
  onDone: (message: string) => void
  onCancel: () => void
}

function RecordPaymentForm({ campaignId, pledge, onDone, onCancel }: RecordFormProps) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const amount = format.money(pledge.amount_minor, pledge.currency)
  const record = useRecordPayment(campaignId, () => onDone(t('dashboard.backers.recorded', { amount, name: pledge.backer_name })))
  const [reference, setReference] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFundingFormProblem(record.error, fieldsIn(['reference']), pledge.currency)
  useFocusFirstProblem(form, record.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    record.mutate({ pledge, reference: reference.trim() })
  }

  return (
    <form ref={form} onSubmit={submit} className="stack-sm record-form" aria-labelledby={`${ids}-heading`}>
      <h4 id={`${ids}-heading`}>{t('dashboard.backers.recordHeading', { amount, name: pledge.backer_name })}</h4>
      <FormAlert problem={problem} />
      <TextField
        label={t('dashboard.backers.reference')}
        hint={t('dashboard.backers.referenceHint')}
        maxLength={120}
        autoComplete="off"
        value={reference}
        onChange={(event) => setReference(event.target.value)}
        errors={problem.fields.reference}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={record.isPending}>
          {record.isPending ? t('dashboard.backers.recording') : t('dashboard.backers.recordSubmit', { amount })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('dashboard.backers.cancel')}
        </button>
      </div>
    </form>
  )
}

function ExportButton({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const download = useBackerExport(campaign)
  return (
    <div className="stack-sm">
      <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? t('dashboard.backers.exporting') : t('dashboard.backers.export')}
      </button>
      <p role="status" className="status-line hint">
        {download.isSuccess ? t('dashboard.backers.exported', { filename: download.data }) : ''}
      </p>
      {download.isError && <ErrorAlert error={download.error} />}
    </div>
  )
}

export function BackerList({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const [status, setStatus] = useState<PledgeStatus | null>(null)
  const backers = useBackers(campaign.id, status)
  const [recording, setRecording] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const filterId = useId()

  /** Closes the payment form and puts focus back where it was opened (or on the filter, once the row left). */
  function closeForm(pledgeId: string, news?: string) {
    flushSync(() => {
      setRecording(null)
      if (news) setMessage(news)
    })
    ;(buttons.current.get(pledgeId) ?? document.getElementById(filterId))?.focus()
  }

  return (
    <div className="stack-sm">
      <div className="backer-tools">
        <div className="field">
          <label htmlFor={filterId}>{t('dashboard.backers.filter')}</label>
          <select
            id={filterId}
            value={status ?? ''}
            onChange={(event) => {
              setRecording(null)
              setStatus(isPledgeStatus(event.target.value) ? event.target.value : null)
            }}
          >
            <option value="">{t('dashboard.backers.all')}</option>
            {PLEDGE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <ExportButton campaign={campaign} />
      </div>
      <p role="status" className="status-line">
        {message}
      </p>
      <QueryBoundary query={backers}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{status ? t('dashboard.backers.emptyStatus') : t('dashboard.backers.empty')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              {/* Focusable and named: on a phone it scrolls sideways, also without buttons in it. */}
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dashboard.backers.heading')}>
                <table className="backer-table">
                  <caption className="visually-hidden">{t('dashboard.backers.heading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('dashboard.backers.backer')}</th>
                      <th scope="col">{t('dashboard.backers.reward')}</th>
                      <th scope="col" className="num">
                        {t('dashboard.backers.amount')}
                      </th>
                      <th scope="col">{t('dashboard.backers.status')}</th>
                      <th scope="col">{t('dashboard.backers.method')}</th>
                      <th scope="col">{t('dashboard.backers.pledged')}</th>
                      <th scope="col">{t('dashboard.backers.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((pledge) => {
                      const rowId = `backer-${pledge.id}`
                      return (
                        <Fragment key={pledge.id}>
                          <tr>
                            <th scope="row" id={rowId}>
                              {pledge.backer_name}
                            </th>
                            <td>{pledge.tier_title ?? t('mine.noReward')}</td>
                            <td className="num">{format.money(pledge.amount_minor, pledge.currency)}</td>
                            <td>
                              <StatusBadge status={pledge.status} />
                              {pledge.grace_until && (
                                <span className="hint">{t('dashboard.backers.payBy', { date: format.dateTime(pledge.grace_until) })}</span>
                              )}
                            </td>
                            <td>{isKnownMethod(pledge.payment_method) ? t(`method.${pledge.payment_method}`) : pledge.payment_method}</td>
                            <td>{format.date(pledge.created_at)}</td>
                            <td>
                              {canRecordPayment(pledge) && recording !== pledge.id && (
                                <button
                                  ref={(button) => {
                                    if (button) buttons.current.set(pledge.id, button)
                                    else buttons.current.delete(pledge.id)
                                  }}
                                  type="button"
                                  aria-describedby={rowId}
                                  onClick={() => {
                                    setMessage('')
                                    setRecording(pledge.id)
                                  }}
                                >
                                  {t('dashboard.backers.record')}
                                </button>
                              )}
                            </td>
                          </tr>
                          {recording === pledge.id && (
                            <tr className="attempt-row">
                              <td colSpan={COLUMNS}>
                                <div className="attempt-box">
                                  <RecordPaymentForm
                                    campaignId={campaign.id}
                                    pledge={pledge}
                                    onDone={(news) => closeForm(pledge.id, news)}
                                    onCancel={() => closeForm(pledge.id)}
                                  />
                                </div>
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      )
                    })}
                  </tbody>
                </table>
              </div>
              {backers.hasNextPage && (
                <LoadMore hasMore auto={false} loading={backers.isFetchingNextPage} onLoadMore={() => void backers.fetchNextPage()} />
              )}
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
