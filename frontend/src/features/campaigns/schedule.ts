// Reading a campaign's schedule for the timeline: which window is open and which boundary comes
// next. The phase itself always comes from the server (one clock decides); this is for display.
import type { Schemas } from '../../api/types'

type Schedule = Schemas['ScheduleDto']

export type Boundary = 'submissionsOpen' | 'submissionsClose' | 'votingOpen' | 'votingClose'

const BOUNDARIES: ReadonlyArray<[Boundary, keyof Schedule]> = [
  ['submissionsOpen', 'submissions_open_at'],
  ['submissionsClose', 'submissions_close_at'],
  ['votingOpen', 'voting_open_at'],
  ['votingClose', 'voting_close_at'],
]
// A crowdfunding campaign's submission window is its funding window, a micro-task campaign's its
// work window; their voting dates mean nothing.
const ONE_WINDOW_BOUNDARIES = BOUNDARIES.slice(0, 2)

/** Whether the campaign has one window (funding, work) rather than submissions and voting. */
export function hasOneWindow(kind: Schemas['CampaignKind']): boolean {
  return kind === 'funding' || kind === 'microtask'
}

/** The first boundary of a campaign of `kind` after `now`, or `null` once its last has passed. */
export function nextBoundary(
  schedule: Schedule,
  now: number,
  kind: Schemas['CampaignKind'],
): { boundary: Boundary; at: number } | null {
  for (const [boundary, field] of hasOneWindow(kind) ? ONE_WINDOW_BOUNDARIES : BOUNDARIES) {
    const at = Date.parse(schedule[field])
    if (at > now) return { boundary, at }
  }
  return null
}

export interface Remaining {
  days: number
  hours: number
  minutes: number
  seconds: number
}

export function remainingUntil(at: number, now: number): Remaining {
  const total = Math.max(0, Math.floor((at - now) / 1000))
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  }
}
