// The multiplier effect of invitations: conversions, the k-factor, the share of participants who
// came through a participant's link, and the participants whose links brought the most.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { EmptyState } from '../../ui/QueryStates'
import type { Analytics } from './queries'
import { TableScroll } from '../../ui/TableScroll'

export function ReferralsPanel({ referrals }: { referrals: Analytics['referrals'] }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  const k = referrals.k_factor ?? null
  const share = referrals.referral_share ?? null
  return (
    <div className="stack-sm">
      <dl className="stats">
        <div>
          <dt>{t('referrals.conversions')}</dt>
          <dd>{format.number(referrals.conversions)}</dd>
        </div>
        <div>
          <dt>{t('referrals.kFactor')}</dt>
          <dd>{k === null ? t('noRate') : format.decimal(k, 2)}</dd>
        </div>
        <div>
          <dt>{t('referrals.share')}</dt>
          <dd>{share === null ? t('noRate') : format.percent(share)}</dd>
        </div>
      </dl>
      <p className="hint">{t('referrals.kHint')}</p>
      {referrals.top_referrers.length === 0 ? (
        <EmptyState>
          <p>{t('referrals.empty')}</p>
        </EmptyState>
      ) : (
        <TableScroll label={t('referrals.top')}>
          <table>
            <caption>{t('referrals.top')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.who')}</th>
                <th scope="col" className="num">
                  {t('funnel.visitors')}
                </th>
                <th scope="col" className="num">
                  {t('funnel.sign_ups')}
                </th>
                <th scope="col" className="num">
                  {t('referrals.conversions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {referrals.top_referrers.map((referrer) => (
                <tr key={referrer.user_id}>
                  <th scope="row">{referrer.display_name}</th>
                  <td className="num">{format.number(referrer.visitors)}</td>
                  <td className="num">{format.number(referrer.sign_ups)}</td>
                  <td className="num">{format.number(referrer.conversions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  )
}
