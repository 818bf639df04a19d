import type { CampaignDraft } from './draft'

export interface StepProps {
  draft: CampaignDraft
  update: (change: (draft: CampaignDraft) => CampaignDraft) => void
  /** Validation messages by request field path. */
  fieldErrors: Record<string, string[]>
  /** Editing an existing campaign: its kind and address are fixed. */
  editing: boolean
}
