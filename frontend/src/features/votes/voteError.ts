// What a refused vote tells the voter: our own words for the refusals that need explaining (a vote
// the organisers invalidated, a jury ballot after leaving the jury), the API's own words for other
// conflicts (voting closed, points spent), why they may not vote on a 403, and how long to wait on
// a 429.
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/errors'
import { refusalMessage } from '../../i18n/errors'
import { describeError } from '../../ui/describeError'

export function describeVoteError(error: unknown, t: TFunction<'votes'>, tCommon: TFunction<'common'>): string {
  if (!(error instanceof ApiError)) return describeError(error, tCommon)
  switch (error.problem?.code) {
    case 'vote.invalidated':
      return t('voteError.invalidated')
    case 'vote.jury_ended':
      return t('voteError.juryEnded')
  }
  // A code this client knows is said in the UI's language; the API's English detail is for newer codes.
  const known = error.problem && (error.status === 403 || error.status === 409) ? refusalMessage(error.problem, tCommon) : undefined
  if (known) return known
  const detail = error.problem?.detail
  switch (error.status) {
    case 401:
      return t('voteError.signIn')
    case 403:
      return detail ? t('voteError.forbiddenDetail', { detail }) : t('voteError.forbidden')
    case 409:
      return detail ? t('voteError.conflict', { detail }) : t('voteError.conflictGeneric')
    case 429:
      return error.retryAfter === undefined
        ? t('voteError.tooManyGeneric')
        : t('voteError.tooMany', { count: error.retryAfter })
    default:
      return describeError(error, tCommon)
  }
}
