// A first-touch source as the analytics and timelines name it: a channel (by its kind), all
// referral codes together, or direct (no code).
import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'
import { CHANNEL_KINDS, type ChannelKind } from './queries'

export type SourceRef = Schemas['SourceRef']

export function channelKindOf(source: SourceRef): ChannelKind | null {
  return CHANNEL_KINDS.find((kind) => kind === source.kind) ?? null
}

/** The same source, e.g. the summary's best channel among the per-source rows. */
export function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.kind === b.kind && (a.channel_id ?? null) === (b.channel_id ?? null)
}

/** Names a source for people: a channel by its name, the others by what they are. */
export function useSourceName(): (source: SourceRef) => string {
  const { t } = useTranslation('reach')
  return (source) => {
    const kind = channelKindOf(source)
    if (kind !== null) return source.name ?? t(`kind.${kind}`)
    if (source.kind === 'referral') return t('source.referral')
    if (source.kind === 'direct') return t('source.direct')
    return source.name ?? source.kind
  }
}
