// The campaign's schedule as two windows (a crowdfunding campaign's as its one funding window, a
// micro-task campaign's as its one work window), the current one marked, with a countdown to the
// next boundary on the server's clock (see api/serverClock.ts). When a boundary passes, the
// campaign is fetched again: its phase is the server's word.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { campaignKeys } from '../../api/queryKeys'
import { useFormat } from '../../i18n/format'
import type { Campaign } from './queries'
import { hasOneWindow, nextBoundary, remainingUntil } from './schedule'
import { useServerNow } from '../../ui/useNow'

function Countdown({ at, now }: { at: number; now: number }) {
  const { t } = useTranslation()
  const { days, hours, minutes, seconds } = remainingUntil(at, now)
  const pad = (value: number) => String(value).padStart(2, '0')
  const parts = { hours: pad(hours), minutes: pad(minutes), seconds: pad(seconds) }
  return (
    <time dateTime={new Date(at).toISOString()}>
      {days > 0
        ? t('countdown.clock', { days: t('countdown.days', { count: days }), ...parts })
        : t('countdown.clockNoDays', parts)}
    </time>
  )
}

export function PhaseTimeline({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns')
  const format = useFormat()
  const queryClient = useQueryClient()
  // Boundaries pass on the server's clock, which decides the phase.
  const now = useServerNow()
  const { schedule, phase } = campaign
  // A one-window campaign's words: its funding or its work.
  const single = hasOneWindow(campaign.kind) ? (campaign.kind === 'funding' ? 'funding' : 'work') : null
  const next = schedule ? nextBoundary(schedule, now, campaign.kind) : null
  const lastBoundary = useRef(next?.boundary)

  useEffect(() => {
    if (lastBoundary.current !== next?.boundary) {
      lastBoundary.current = next?.boundary
      void queryClient.invalidateQueries({ queryKey: campaignKeys.details() })
    }
  }, [next?.boundary, queryClient])

  if (!schedule) {
    return (
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('timeline.heading')}</h2>
        <p className="muted">{t('timeline.noSchedule')}</p>
      </section>
    )
  }
  const submission = { from: schedule.submissions_open_at, to: schedule.submissions_close_at, phase: 'submission' } as const
  const windows = single
    ? ([{ key: single, ...submission }] as const)
    : ([
        { key: 'submission', ...submission },
        { key: 'voting', from: schedule.voting_open_at, to: schedule.voting_close_at, phase: 'voting' },
      ] as const)
  const live = phase !== 'cancelled' && phase !== 'draft'
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline.heading')}</h2>
      <ol className="timeline">
        {windows.map((window) => {
          const current = phase === window.phase
          return (
            <li key={window.key} className={current ? 'current' : undefined} aria-current={current ? 'step' : undefined}>
              <strong>{t(`timeline.${window.key}`)}</strong>
              {current && <span className="badge">{t('timeline.current')}</span>}
              <br />
              {t('timeline.range', { from: format.dateTime(window.from), to: format.dateTime(window.to) })}
            </li>
          )
        })}
      </ol>
      {live && next && (
        <p className="countdown" role="timer">
          {single
            ? t(next.boundary === 'submissionsOpen' ? `timeline.${single}Opens` : `timeline.${single}Ends`)
            : t(`timeline.next_${next.boundary}`)}{' '}
          <Countdown at={next.at} now={now} />
        </p>
      )}
      {live && !next && <p>{t(single ? `timeline.${single}Ended` : 'timeline.ended')}</p>}
      <p className="hint">{t('timeline.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
    </section>
  )
}
