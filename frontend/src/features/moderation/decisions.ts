import type { Schemas } from '../../api/types'
import type { Decision } from './queries'

/** The decisions that apply to a status (the API answers 409 to the others). */
export function decisionsFor(status: Schemas['ContributionStatus']): Decision[] {
  switch (status) {
    case 'submitted':
      return ['approve', 'reject']
    case 'published':
    case 'shortlisted':
    case 'winner':
      return ['hide']
    case 'hidden':
    case 'rejected':
      return ['restore']
    case 'withdrawn':
      return []
  }
}
