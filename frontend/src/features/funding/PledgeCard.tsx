// One of my pledges: the campaign, where the pledge stands and what that means (pay by when, why a
// payment failed), its amount, reward and payment method, and what I can still do: change the
// amount or reward and cancel while the window is open, change the payment method (fix it, once a
// payment failed) until the money is in. Its payments unfold below.
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { canChangeMethod, isKnownMethod, needsPaymentFix } from './model'
import { ChangePledgeForm, PaymentMethodForm } from './PledgeEditForms'
import { usePledgeExplanation } from './explain'
import { StatusBadge } from './PledgeStatus'
import { useCancelPledge, type Pledge } from './queries'
import { RefusalAlert } from './RefusalAlert'

function Payments({ pledge }: { pledge: Pledge }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  if (pledge.payments.length === 0) return null
  return (
    <details className="pledge-payments">
      <summary>
        {t('mine.payments')} ({format.number(pledge.payments.length)})
      </summary>
      <ul aria-label={t('mine.paymentsOf', { campaign: pledge.campaign_title })}>
        {pledge.payments.map((payment) => (
          <li key={payment.id}>
            {t('mine.payment', {
              kind: t(`mine.kind_${payment.kind}`),
              amount: format.money(payment.amount_minor, payment.currency),
              date: format.dateTime(payment.created_at),
              outcome: t(`mine.outcome_${payment.outcome}`),
            })}
            {payment.failure && <> ({payment.failure})</>}
            {payment.reference && <span className="hint"> · {t('mine.reference', { reference: payment.reference })}</span>}
          </li>
        ))}
      </ul>
    </details>
  )
}

type Editing = 'change' | 'method' | null

export function PledgeCard({ pledge }: { pledge: Pledge }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const explain = usePledgeExplanation()
  const cancel = useCancelPledge()
  const [editing, setEditing] = useState<Editing>(null)
  const [message, setMessage] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  const headingId = `pledge-${pledge.id}`
  const fix = needsPaymentFix(pledge)

  /** Closes the form and puts focus back on the card, where the news is read. */
  function finish(news: string) {
    flushSync(() => {
      setEditing(null)
      setMessage(news)
    })
    heading.current?.focus()
  }

  function open(mode: Editing) {
    setMessage('')
    setEditing(mode)
  }

  return (
    <article className={`card stack-sm pledge-card pledge-${pledge.status}`} aria-labelledby={headingId}>
      <div className="pledge-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          <Link to={`/c/${pledge.campaign_slug}`}>{pledge.campaign_title}</Link>
        </h2>
        <StatusBadge status={pledge.status} />
      </div>
      <div className={fix ? 'notice stack-sm' : 'stack-sm'}>
        {explain(pledge).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('mine.amount')}</dt>
          <dd>{format.money(pledge.amount_minor, pledge.currency)}</dd>
        </div>
        <div>
          <dt>{t('mine.reward')}</dt>
          <dd>{pledge.tier_title ?? t('mine.noReward')}</dd>
        </div>
        <div>
          <dt>{t('mine.method')}</dt>
          <dd>{isKnownMethod(pledge.payment_method) ? t(`method.${pledge.payment_method}`) : pledge.payment_method}</dd>
        </div>
        <div>
          <dt>{t('mine.pledgedOn')}</dt>
          <dd>{format.date(pledge.created_at)}</dd>
        </div>
      </dl>
      {editing === null && (pledge.changeable || canChangeMethod(pledge)) && (
        <div className="actions" role="group" aria-label={t('mine.actionsOf', { campaign: pledge.campaign_title })}>
          {canChangeMethod(pledge) && (
            <button type="button" className={fix ? 'primary' : undefined} onClick={() => open('method')}>
              {fix ? t('mine.fixPayment') : t('mine.changeMethod')}
            </button>
          )}
          {pledge.changeable && (
            <button type="button" onClick={() => open('change')}>
              {t('mine.change')}
            </button>
          )}
          {pledge.changeable && (
            <ConfirmButton
              label={t('mine.cancel')}
              action={t('mine.cancelAction')}
              question={t('mine.cancelQuestion')}
              danger
              busy={cancel.isPending}
              onConfirm={() =>
                cancel.mutate(pledge.id, { onSuccess: () => finish(t('mine.cancelled', { campaign: pledge.campaign_title })) })
              }
            />
          )}
        </div>
      )}
      {editing === 'change' && <ChangePledgeForm pledge={pledge} onDone={finish} onClose={() => finish('')} />}
      {editing === 'method' && <PaymentMethodForm pledge={pledge} onDone={finish} onClose={() => finish('')} />}
      <p role="status" className="status-line">
        {message}
      </p>
      {cancel.isError && <RefusalAlert error={cancel.error} currency={pledge.currency} />}
      <Payments pledge={pledge} />
    </article>
  )
}
