// The desk shows reports by what they are about: one subject (an entry or a comment) with all
// its reports, settled together. These group the API's flat lists of reports.
import type { Schemas } from '../../api/types'
import type { DeskReport, ReportAction } from './queries'

/** An entry or a comment that was reported, with its reports (oldest first). */
export interface Subject {
  /** `contribution:<id>` or `comment:<id>`. */
  key: string
  targetType: Schemas['ReportTarget']
  targetId: string
  /** The reported entry, or the one the reported comment is on (null if it is gone). */
  contribution: Schemas['ContributionResponse'] | null
  /** The reported comment (comment reports only). */
  comment: Schemas['CommentResponse'] | null
  reports: DeskReport[]
  /** How many reports are open on it, by the API's count (some may be on a later page). */
  openCount: number
}

/** One moderator's settlement of a subject's reports: what they did, why, and when. */
export interface Settlement extends Subject {
  resolution: ReportAction
  reason: string | null
  resolvedBy: string | null
  resolvedAt: string
}

const keyOf = (report: DeskReport) => `${report.target_type}:${report.target_id}`

/** Groups open reports by subject, in the order of each subject's oldest report. */
export function subjectsOf(reports: readonly DeskReport[]): Subject[] {
  const subjects = new Map<string, Subject>()
  for (const report of reports) {
    const key = keyOf(report)
    const subject = subjects.get(key)
    if (subject) {
      subject.reports.push(report)
      subject.openCount = Math.max(subject.openCount, report.open_reports_on_subject, subject.reports.length)
      continue
    }
    subjects.set(key, {
      key,
      targetType: report.target_type,
      targetId: report.target_id,
      contribution: report.contribution ?? null,
      comment: report.comment ?? null,
      reports: [report],
      openCount: Math.max(report.open_reports_on_subject, 1),
    })
  }
  return [...subjects.values()]
}

/**
 * Groups resolved reports by settlement (a resolution settles every open report on a subject at
 * once, so they share subject and time), newest first as the API lists them.
 */
export function settlementsOf(reports: readonly DeskReport[]): Settlement[] {
  const settlements = new Map<string, Settlement>()
  for (const report of reports) {
    if (!report.resolution || !report.resolved_at) continue
    const key = `${keyOf(report)}@${report.resolved_at}`
    const settlement = settlements.get(key)
    if (settlement) {
      settlement.reports.push(report)
      continue
    }
    settlements.set(key, {
      key,
      targetType: report.target_type,
      targetId: report.target_id,
      contribution: report.contribution ?? null,
      comment: report.comment ?? null,
      reports: [report],
      openCount: 0,
      resolution: report.resolution,
      reason: report.resolution_reason ?? null,
      resolvedBy: report.resolved_by ?? null,
      resolvedAt: report.resolved_at,
    })
  }
  return [...settlements.values()]
}

/**
 * What a moderator can do with a subject, as the API allows it: keep always; hide a public entry
 * or a comment that is still up; reject an entry that is waiting or published (never a comment).
 */
export function actionsFor(subject: Subject): ReportAction[] {
  if (subject.targetType === 'comment') {
    return subject.comment && subject.comment.deleted_at == null ? ['keep', 'hide'] : ['keep']
  }
  const status = subject.contribution?.status
  const actions: ReportAction[] = ['keep']
  if (status === 'published' || status === 'shortlisted') actions.push('hide')
  if (status === 'submitted' || status === 'published') actions.push('reject')
  return actions
}

/** The entry a subject belongs to (itself, or the one the comment is on), for refreshing its page. */
export function entryIdOf(subject: Subject): string | null {
  if (subject.targetType === 'contribution') return subject.targetId
  return subject.comment?.contribution_id ?? subject.contribution?.id ?? null
}
