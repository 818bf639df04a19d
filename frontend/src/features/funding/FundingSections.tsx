// What a funding campaign's page shows of its funding: the progress near the top, and the rewards
// with the pledge form further down (`#pledge`, where the header's "Back this campaign" leads).
// Both read the same query, so the page asks once.
import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { Loading, QueryBoundary } from '../../ui/QueryStates'
import { useSignedIn } from '../auth/useSession'
import type { Campaign } from '../campaigns/queries'
import { FundingProgress } from './FundingProgress'
import { PledgeForm } from './PledgeForm'
import { usePledgeExplanation } from './explain'
import { StatusBadge } from './PledgeStatus'
import { isNotConfigured, useCreatePledge, useFunding, useMyPledges, type Funding, type Pledge, type PledgeStatus } from './queries'
import { TierList } from './TierFacts'

/** Where the pledge form is on the campaign page. */
export const PLEDGE_ANCHOR = 'pledge'

/** The states of a backer's one open pledge on a campaign: another one is refused. */
const OPEN = new Set<PledgeStatus>(['pending', 'active', 'collecting', 'collected', 'errored'])

export function FundingProgressSection({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const funding = useFunding(campaign.id)
  return (
    <section aria-labelledby="funding-heading" className="card funding">
      <h2 id="funding-heading">{t('progress.heading')}</h2>
      {funding.isError && isNotConfigured(funding.error) ? (
        <p className="muted">{t('progress.notConfigured')}</p>
      ) : (
        <QueryBoundary query={funding}>{(data) => <FundingProgress funding={data} />}</QueryBoundary>
      )}
    </section>
  )
}

/** The header's call to action: to the pledge form while pledges are taken. */
export function BackCampaignLink({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const funding = useFunding(campaign.id)
  if (!funding.data?.open) return null
  return (
    <a className="button primary" href={`#${PLEDGE_ANCHOR}`}>
      {t('pledge.headerLink')}
    </a>
  )
}

function Thanks({ pledge }: { pledge: Pledge }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const explain = usePledgeExplanation()
  const amount = format.money(pledge.amount_minor, pledge.currency)
  return (
    <div className="notice stack-sm pledge-thanks">
      <p>
        <strong>{pledge.tier_title ? t('pledge.doneTier', { amount, tier: pledge.tier_title }) : t('pledge.done', { amount })}</strong>{' '}
        <StatusBadge status={pledge.status} />
      </p>
      {explain(pledge).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        <Link to="/me/pledges">{t('pledge.myPledges')}</Link>
      </p>
    </div>
  )
}

function ExistingPledge({ pledge }: { pledge: Pledge }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const amount = format.money(pledge.amount_minor, pledge.currency)
  return (
    <div className="notice stack-sm">
      <p>
        {pledge.tier_title ? t('pledge.existingTier', { amount, tier: pledge.tier_title }) : t('pledge.existing', { amount })}{' '}
        <StatusBadge status={pledge.status} />
      </p>
      <p>
        <Link to="/me/pledges">{t('pledge.myPledges')}</Link>
      </p>
    </div>
  )
}

function SignedInPledge({ campaign, funding }: { campaign: Campaign; funding: Funding }) {
  const mine = useMyPledges()
  // The mutation lives here, not in the form: its refetch of "my pledges" may swap the form for
  // the existing pledge before a callback of the form's could show the thanks.
  const create = useCreatePledge(campaign.id)
  const pledged = create.data ?? null
  const thanks = useRef<HTMLDivElement>(null)

  // Focus moves with the answer, so the thanks (and what happens next) is read first.
  useLayoutEffect(() => {
    if (pledged) thanks.current?.focus()
  }, [pledged])

  if (pledged) {
    return (
      <div ref={thanks} tabIndex={-1} className="focus-target">
        <Thanks pledge={pledged} />
      </div>
    )
  }
  // Only what has loaded: a pledge further down my list is still refused by the API, and said.
  const existing = mine.data?.pages
    .flatMap((page) => page.items)
    .find((pledge) => pledge.campaign_id === campaign.id && OPEN.has(pledge.status))
  if (existing) return <ExistingPledge pledge={existing} />
  if (mine.isPending) return <Loading />
  return <PledgeForm funding={funding} create={create} />
}

export function PledgeSection({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const funding = useFunding(campaign.id)
  const signedIn = useSignedIn()
  // The progress section says what is loading, missing or wrong; this one waits for the funding.
  if (!funding.isSuccess) return null
  const data = funding.data
  const next = `/c/${campaign.slug}#${PLEDGE_ANCHOR}`
  return (
    <section id={PLEDGE_ANCHOR} aria-labelledby="pledge-heading" className="stack-sm pledge-section">
      <h2 id="pledge-heading">{data.open ? t('pledge.heading') : t('tiers.heading')}</h2>
      {!data.open ? (
        <TierList tiers={data.tiers} currency={data.currency} />
      ) : signedIn ? (
        <SignedInPledge campaign={campaign} funding={data} />
      ) : (
        <>
          <TierList tiers={data.tiers} currency={data.currency} />
          <p>
            <Link className="button primary" to={`/login?next=${encodeURIComponent(next)}`}>
              {t('pledge.signIn')}
            </Link>
          </p>
        </>
      )}
    </section>
  )
}
