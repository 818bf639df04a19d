// "Invite friends": my personal link for a campaign, asked for on demand (the first request makes
// the code), with a copy button and what the link has brought so far. On the campaign page and
// in my timeline, one per campaign.
import { useId, useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { CopyField } from '../../ui/CopyField'
import { ShareButton } from '../../ui/ShareButton'
import { ErrorAlert } from '../../ui/QueryStates'
import { absoluteLink, useMyReferral, type Referral } from './queries'

interface InviteFriendsProps {
  campaignId: string
  /** The points an invitee who takes part earns me, when the campaign gives any. */
  pointsPerReferral?: number | null
  /** The heading level: a section of its own on the campaign page, part of a card elsewhere. */
  headingLevel?: 2 | 3
  /** Names the campaign to screen readers where a page offers links for several. */
  campaignTitle?: string
}

function ReferralStats({ referral }: { referral: Referral }) {
  const { t } = useTranslation('reach')
  const format = useFormat()
  return (
    <dl className="stats">
      <div>
        <dt>{t('invite.visitors')}</dt>
        <dd>{format.number(referral.visitors)}</dd>
      </div>
      <div>
        <dt>{t('invite.signUps')}</dt>
        <dd>{format.number(referral.sign_ups)}</dd>
      </div>
      <div>
        <dt>{t('invite.conversions')}</dt>
        <dd>{format.number(referral.conversions)}</dd>
      </div>
    </dl>
  )
}

export function InviteFriends({ campaignId, pointsPerReferral, headingLevel = 2, campaignTitle }: InviteFriendsProps) {
  const { t } = useTranslation('reach')
  const format = useFormat()
  const referral = useMyReferral(campaignId)
  const headingId = useId()
  const link = useRef<HTMLInputElement>(null)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const data = referral.data
  const forCampaign = campaignTitle ? t('invite.forCampaign', { campaign: campaignTitle }) : undefined

  // The button that asked is gone once the link is there: continue at the link.
  useLayoutEffect(() => {
    if (data) link.current?.focus()
  }, [data])

  return (
    <section aria-labelledby={headingId} className="invite stack-sm">
      <Heading id={headingId}>{t('invite.heading')}</Heading>
      <p className="hint">
        {pointsPerReferral
          ? t('invite.introPoints', { count: pointsPerReferral, points: format.number(pointsPerReferral) })
          : t('invite.intro')}
      </p>
      {data ? (
        <>
          <CopyField
            inputRef={link}
            label={campaignTitle ? t('invite.linkFor', { campaign: campaignTitle }) : t('invite.link')}
            value={absoluteLink(data.link)}
            copyLabel={t('invite.copy')}
            copyContext={forCampaign}
          />
          <ShareButton url={absoluteLink(data.link)} title={t('invite.shareTitle', { campaign: campaignTitle ?? '' })} context={forCampaign} />
          <ReferralStats referral={data} />
        </>
      ) : (
        <button type="button" className="primary" disabled={referral.isPending} onClick={() => referral.mutate()}>
          {referral.isPending ? t('invite.getting') : t('invite.get')}
          {forCampaign && (
            <>
              {' '}
              <span className="visually-hidden">{forCampaign}</span>
            </>
          )}
        </button>
      )}
      {referral.isError && <ErrorAlert error={referral.error} onRetry={() => referral.mutate()} />}
    </section>
  )
}
