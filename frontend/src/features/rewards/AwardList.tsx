// Awards with their splits: every recipient's share in the award's currency, and its status
// (shown by the API to the organisers and to the award's recipients only).
// The organisers' actions for an award, if any, render under it.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import type { Award } from './queries'

export function AwardStatusBadge({ status }: { status: NonNullable<Award['status']> }) {
  const { t } = useTranslation('rewards')
  return <span className={`badge award-${status}`}>{t(`award.status_${status}`)}</span>
}

interface AwardListProps {
  awards: Award[]
  /** The signed-in user, to mark their rows and show their share. */
  myUserId?: string
  actions?: (award: Award) => ReactNode
}

export function AwardList({ awards, myUserId, actions }: AwardListProps) {
  return (
    <ol className="award-list stack">
      {awards.map((award) => (
        <li key={award.id}>
          <AwardCard award={award} myUserId={myUserId} actions={actions} />
        </li>
      ))}
    </ol>
  )
}

function AwardCard({ award, myUserId, actions }: { award: Award; myUserId?: string; actions?: (award: Award) => ReactNode }) {
  const { t } = useTranslation('rewards')
  const format = useFormat()
  const money = (minor: number) => format.money(minor, award.currency)
  const mine = myUserId ? award.splits.filter((split) => split.user_id === myUserId) : []
  const headingId = `award-${award.id}`
  return (
    <article className="card award stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('award.rank', { rank: format.number(award.rank) })}: <Link to={`/contributions/${award.contribution_id}`}>{award.contribution_title}</Link>
      </h3>
      <p>
        {award.title}
        {award.status && (
          <>
            {' · '}
            <AwardStatusBadge status={award.status} />
          </>
        )}
      </p>
      <dl>
        <dt>{t('award.total')}</dt>
        <dd>{t('award.totalValue', { amount: money(award.amount_minor), points: format.number(award.points) })}</dd>
      </dl>
      {mine.length > 0 && (
        <p>
          <strong>
            {t('mine.myShare', {
              amount: money(mine.reduce((sum, split) => sum + split.amount_minor, 0)),
              points: format.number(mine.reduce((sum, split) => sum + split.points, 0)),
            })}
          </strong>
        </p>
      )}
      <div className="table-scroll">
        <table className="card-table">
          <caption className="visually-hidden">{t('award.splits', { title: award.contribution_title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('award.recipient')}</th>
              <th scope="col">{t('award.reason')}</th>
              <th scope="col" className="num">
                {t('award.amount')}
              </th>
              <th scope="col" className="num">
                {t('award.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {award.splits.map((split) => (
              <tr key={`${split.user_id}-${split.reason}`}>
                <th scope="row">{split.user_id === myUserId ? t('award.you', { name: split.display_name }) : split.display_name}</th>
                <td data-label={t('award.reason')}>{t(`award.reason_${split.reason}`)}</td>
                <td className="num" data-label={t('award.amount')}>
                  {money(split.amount_minor)}
                </td>
                <td className="num" data-label={t('award.points')}>
                  {format.number(split.points)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {actions?.(award)}
    </article>
  )
}
