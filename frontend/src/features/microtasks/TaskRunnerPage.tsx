// `/c/:slug/work` (signed in; loaded lazily): the task runner. It picks up a lease I still hold in
// the campaign (a reload, another tab) or claims the next task, and after each answer or skip
// claims the next one at once, moving focus to it. A 204 says I am finished, or, with
// `Retry-After`, that others hold every task left; a 403 `worker.paused` says why I am paused.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { registerLazyStrings } from '../../i18n'
import { Loading } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { hasCode, useTaskSettings, type Claim } from './queries'
import { RefusalAlert } from './RefusalAlert'
import { claimNext, heldClaim, type HeldClaim } from './runner'
import { RunnerTask, type Outcome } from './RunnerTask'
import { StandingBar } from './StandingBar'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('microtasks', strings)

type RunnerState =
  | { step: 'claiming' }
  | { step: 'working'; held: HeldClaim }
  | { step: 'finished' }
  | { step: 'busy'; retryAfter: number }
  | { step: 'refused'; error: unknown }

/** What the worker hears after answering: sent for review, or at once right or wrong (a gold task). */
function useSentText(): (claim: Claim) => string {
  const { t } = useTranslation('microtasks')
  return (claim) => {
    if (claim.status === 'approved') {
      return claim.points > 0 ? t('runner.sentApproved', { count: claim.points }) : t('runner.sentApprovedNoPoints')
    }
    if (claim.status === 'rejected') {
      const reason = claim.review?.reason
      return reason ? t('runner.sentWrong', { reason }) : t('runner.sentWrongNoReason')
    }
    return t('runner.sent')
  }
}

function Paused({ reason }: { reason: string | null }) {
  const { t } = useTranslation('microtasks')
  return (
    <section aria-labelledby="paused-heading" className="notice stack-sm">
      <h2 id="paused-heading">{t('runner.pausedHeading')}</h2>
      {reason && <p className="paused-reason">{t('runner.pausedReason', { reason })}</p>}
      <p>{t('runner.pausedHelp')}</p>
      <p>
        <Link to="/me/work">{t('runner.myWork')}</Link>
      </p>
    </section>
  )
}

function Runner({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const settings = useTaskSettings(campaign.id)
  const sentText = useSentText()
  const [state, setState] = useState<RunnerState>({ step: 'claiming' })
  const [news, setNews] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  const outcome = useRef<HTMLDivElement>(null)
  const started = useRef(false)

  /** Claims the next task (or first picks up one I hold); with `focus`, focus follows the answer. */
  const load = useCallback(
    async (resume: boolean, focus: boolean) => {
      setState({ step: 'claiming' })
      let next: RunnerState
      try {
        // A failure to list my leases is no reason not to claim a task.
        const held = resume ? await heldClaim(campaign.id).catch(() => null) : null
        const claimed = held ? null : await claimNext(campaign.id)
        if (held) next = { step: 'working', held }
        else if (claimed?.kind === 'claimed') next = { step: 'working', held: claimed }
        else if (claimed?.kind === 'busy') next = { step: 'busy', retryAfter: claimed.retryAfter }
        else next = { step: 'finished' }
      } catch (error) {
        next = { step: 'refused', error }
      }
      flushSync(() => setState(next))
      if (focus) (next.step === 'working' ? heading.current : outcome.current)?.focus()
    },
    [campaign.id],
  )

  useEffect(() => {
    // Once per page, also under StrictMode's second mount: every call takes a lease.
    if (started.current) return
    started.current = true
    void load(true, false)
  }, [load])

  function done(result: Outcome) {
    setNews(result.kind === 'answered' ? sentText(result.claim) : result.kind === 'skipped' ? t('runner.skipped') : '')
    void load(false, true)
  }

  const you = settings.data?.you ?? null
  let body: ReactNode
  switch (state.step) {
    case 'claiming':
      body = <Loading label={t('runner.claiming')} />
      break
    case 'working':
      body = (
        <RunnerTask
          key={state.held.claim.id}
          campaignId={campaign.id}
          held={state.held}
          onExtended={(held) => setState({ step: 'working', held })}
          onDone={done}
          onNews={setNews}
          headingRef={heading}
        />
      )
      break
    case 'finished':
      body = (
        <section aria-labelledby="finished-heading" className="empty stack-sm">
          <h2 id="finished-heading">{t('runner.finishedHeading')}</h2>
          <p>{t('runner.finished')}</p>
          <p className="actions runner-links">
            <Link to="/me/work">{t('runner.myWork')}</Link>
            <Link to={`/c/${campaign.slug}`}>{t('runner.backToCampaign')}</Link>
          </p>
        </section>
      )
      break
    case 'busy': {
      const minutes = Math.max(1, Math.ceil(state.retryAfter / 60))
      body = (
        <section aria-labelledby="busy-heading" className="notice stack-sm">
          <h2 id="busy-heading">{t('runner.busyHeading')}</h2>
          <p>{t('runner.busy', { count: minutes })}</p>
          <button type="button" className="primary" onClick={() => void load(false, true)}>
            {t('runner.retry')}
          </button>
        </section>
      )
      break
    }
    case 'refused': {
      const { error } = state
      if (hasCode(error, 'worker.paused')) {
        const param = error instanceof ApiError ? error.problem?.params?.reason : undefined
        const reason = typeof param === 'string' && param !== '' ? param : (you?.paused_reason ?? null)
        body = <Paused reason={reason} />
      } else {
        body = (
          <RefusalAlert error={error}>
            <button type="button" onClick={() => void load(false, true)}>
              {t('runner.retry')}
            </button>
          </RefusalAlert>
        )
      }
      break
    }
  }

  return (
    <>
      {you && <StandingBar you={you} />}
      <p role="status" className="status-line runner-news">
        {news}
      </p>
      <div ref={outcome} tabIndex={-1} className="focus-target">
        {body}
      </div>
    </>
  )
}

export function TaskRunnerPage() {
  const { t } = useTranslation('microtasks')
  return (
    <CampaignSubpage
      className="stack runner-page"
      title={(campaign) => t('runner.pageTitle', { campaign: campaign.title })}
      heading={(campaign) => t('runner.heading', { campaign: campaign.title })}
    >
      {(campaign) => (campaign.kind === 'microtask' ? <Runner campaign={campaign} /> : <p className="notice">{t('runner.wrongKind')}</p>)}
    </CampaignSubpage>
  )
}
