// The people the organization's invitations admitted, newest first: who, to which campaigns, since
// when, and "remove" (after asking), which withdraws the right to take part. One row each that
// wraps on a phone.
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useParticipants, useRemoveParticipant, type Participant } from './queries'

interface Props {
  organizationSlug: string
  /** A campaign's title by its id, or what to say for "all" and for one no longer listed. */
  campaignLabel: (campaignId: string | null | undefined) => string
}

export function ParticipantList({ organizationSlug, campaignLabel }: Props) {
  const { t } = useTranslation('invitations')
  const format = useFormat()
  const participants = useParticipants(organizationSlug)
  const remove = useRemoveParticipant(organizationSlug)
  const [said, setSaid] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  function removeParticipant(participant: Participant) {
    setSaid('')
    remove.mutate(participant.id, {
      onSuccess: () => {
        // The row and its button are gone: continue at the list's heading.
        flushSync(() => setSaid(t('participants.removed', { name: participant.display_name })))
        heading.current?.focus()
      },
    })
  }

  return (
    <section aria-labelledby="participants-heading" className="stack-sm">
      <h2 id="participants-heading" ref={heading} tabIndex={-1} className="focus-target">
        {t('participants.heading')}
      </h2>
      <p className="hint">{t('participants.intro')}</p>
      <p role="status" className="status-line">
        {said}
      </p>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <QueryBoundary query={participants}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{t('participants.empty')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="participant-list" aria-labelledby="participants-heading">
                {items.map((participant) => (
                  <li key={participant.id} className="participant">
                    <div className="participant-facts">
                      <h3>{participant.display_name}</h3>
                      <p>
                        {t('participants.campaign')}: {campaignLabel(participant.campaign_id)}
                      </p>
                      <p className="muted">
                        {t('participants.since')}: {format.date(participant.granted_at)}
                      </p>
                    </div>
                    <ConfirmButton
                      label={t('participants.remove')}
                      labelContext={participant.display_name}
                      action={t('participants.removeAction', { name: participant.display_name })}
                      question={t('participants.removeQuestion', { name: participant.display_name })}
                      danger
                      busy={remove.isPending}
                      onConfirm={() => removeParticipant(participant)}
                    />
                  </li>
                ))}
              </ul>
              <LoadMore
                auto={false}
                hasMore={participants.hasNextPage}
                loading={participants.isFetchingNextPage}
                onLoadMore={() => void participants.fetchNextPage()}
              />
            </>
          )
        }}
      </QueryBoundary>
    </section>
  )
}
