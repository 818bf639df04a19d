// The schedule's mistakes the form can see before sending: some dates filled and others not, or
// dates out of order (submissions open < close <= voting open < close, as the API requires).
import type { CampaignDraft } from './draft'
import { SCHEDULE_FIELDS } from './draft'

type Field = (typeof SCHEDULE_FIELDS)[number]
/** What is wrong with one date: it is missing, or it is not after (`later`) or not before (`notEarlier`) the one above. */
export type ScheduleIssue = 'missing' | 'later' | 'notEarlier'

/** The issues by request field path (`schedule.voting_open_at`); empty when the schedule can be sent. */
export function scheduleIssues(schedule: CampaignDraft['schedule']): Partial<Record<`schedule.${Field}`, ScheduleIssue>> {
  const filled = SCHEDULE_FIELDS.filter((field) => schedule[field] !== '')
  if (filled.length === 0) return {}
  if (filled.length < SCHEDULE_FIELDS.length) {
    const missing = SCHEDULE_FIELDS.filter((field) => schedule[field] === '')
    return Object.fromEntries(missing.map((field) => [`schedule.${field}`, 'missing' as const]))
  }
  const [submissionsOpen, submissionsClose, votingOpen, votingClose] = SCHEDULE_FIELDS.map((field) => new Date(schedule[field]).getTime())
  const issues: Partial<Record<`schedule.${Field}`, ScheduleIssue>> = {}
  if (!(submissionsClose > submissionsOpen)) issues['schedule.submissions_close_at'] = 'later'
  if (!(votingOpen >= submissionsClose)) issues['schedule.voting_open_at'] = 'notEarlier'
  if (!(votingClose > votingOpen)) issues['schedule.voting_close_at'] = 'later'
  return issues
}
