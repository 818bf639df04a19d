// The organization's invitations, newest first, one card each (they wrap on a phone): how it went
// out, its status, what it is for, how many accepted of how many it admits, until when, and
// "revoke" (after asking) while it can still be accepted.
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useInvitations, useRevokeInvitation, type Invitation } from './queries'
import { StatusBadge } from './StatusBadge'

interface Props {
  organizationSlug: string
  /** A campaign's title by its id, or what to say for "all" and for one no longer listed. */
  campaignLabel: (campaignId: string | null | undefined) => string
}

function InvitationCard({
  invitation,
  campaignLabel,
  revoking,
  onRevoke,
}: {
  invitation: Invitation
  campaignLabel: Props['campaignLabel']
  revoking: boolean
  onRevoke: () => void
}) {
  const { t } = useTranslation('invitations')
  const format = useFormat()
  const id = useId()
  const title = invitation.email
    ? t('list.mailedTo', { email: invitation.email })
    : t('list.link', { date: format.dateTime(invitation.created_at) })
  const uses =
    invitation.max_uses === null || invitation.max_uses === undefined
      ? t('list.usesNoLimit', { uses: format.number(invitation.uses) })
      : t('list.usesOf', { uses: format.number(invitation.uses), max: format.number(invitation.max_uses) })
  return (
    <article aria-labelledby={id} className="card stack-sm invitation">
      <div className="invitation-head">
        <h3 id={id}>{title}</h3>
        <StatusBadge status={invitation.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('list.campaign')}</dt>
          <dd>{campaignLabel(invitation.campaign_id)}</dd>
        </div>
        <div>
          <dt>{t('list.uses')}</dt>
          <dd>{uses}</dd>
        </div>
        <div>
          <dt>{t('list.expires')}</dt>
          <dd>{invitation.expires_at ? format.dateTime(invitation.expires_at) : t('list.never')}</dd>
        </div>
        {invitation.email && (
          <div>
            <dt>{t('list.created')}</dt>
            <dd>{format.dateTime(invitation.created_at)}</dd>
          </div>
        )}
      </dl>
      {invitation.status === 'active' && (
        <div>
          <ConfirmButton
            label={t('list.revoke')}
            labelContext={title}
            action={t('list.revokeAction')}
            question={t('list.revokeQuestion')}
            danger
            busy={revoking}
            onConfirm={onRevoke}
          />
        </div>
      )}
    </article>
  )
}

export function InvitationList({ organizationSlug, campaignLabel }: Props) {
  const { t } = useTranslation('invitations')
  const invitations = useInvitations(organizationSlug)
  const revoke = useRevokeInvitation(organizationSlug)
  const [said, setSaid] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  function revokeInvitation(invitation: Invitation) {
    setSaid('')
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        // The button is gone with the invitation's state: continue at the list's heading.
        flushSync(() => setSaid(t('list.revoked')))
        heading.current?.focus()
      },
    })
  }

  return (
    <section aria-labelledby="invitations-heading" className="stack-sm">
      <h2 id="invitations-heading" ref={heading} tabIndex={-1} className="focus-target">
        {t('list.heading')}
      </h2>
      <p role="status" className="status-line">
        {said}
      </p>
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <QueryBoundary query={invitations}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{t('list.empty')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="invitation-list">
                {items.map((invitation) => (
                  <li key={invitation.id}>
                    <InvitationCard
                      invitation={invitation}
                      campaignLabel={campaignLabel}
                      revoking={revoke.isPending}
                      onRevoke={() => revokeInvitation(invitation)}
                    />
                  </li>
                ))}
              </ul>
              <LoadMore
                auto={false}
                hasMore={invitations.hasNextPage}
                loading={invitations.isFetchingNextPage}
                onLoadMore={() => void invitations.fetchNextPage()}
              />
            </>
          )
        }}
      </QueryBoundary>
    </section>
  )
}
