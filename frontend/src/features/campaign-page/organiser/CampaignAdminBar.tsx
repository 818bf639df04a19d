// The organiser's buttons on a campaign page, offered only where the lifecycle allows them;
// the API still decides, and its answer is shown. Loaded only for the campaign's staff.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../api/errors'
import type { Schemas } from '../../../api/types'
import { registerLazyStrings } from '../../../i18n'
import { Link, useNavigate } from 'react-router'
import { ConfirmButton } from '../../../ui/ConfirmButton'
import { ErrorAlert } from '../../../ui/QueryStates'
import { useCampaignLifecycle, useDeleteCampaign, type Campaign, type LifecycleAction } from '../../campaigns/queries'
import { canManage, canModerate, useMyRole } from '../../organizations/queries'
import * as strings from './strings'

// These tools' strings arrive with them (see registerLazyStrings).
registerLazyStrings('organiserTools', strings)

const CANCELLABLE = new Set(['scheduled', 'submission', 'review', 'voting'])

const isProblem = (error: unknown, code: Schemas['ErrorCode']) => error instanceof ApiError && error.problem?.code === code

export function CampaignAdminBar({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('organiserTools')
  const { role } = useMyRole(campaign.organization)
  const lifecycle = useCampaignLifecycle(campaign.id)
  const remove = useDeleteCampaign(campaign.id)
  const navigate = useNavigate()
  const [done, setDone] = useState(false)
  if (!canModerate(role)) return null

  const manager = canManage(role)
  // A micro-task campaign has no contributions to moderate and no votes to check.
  const contest = campaign.kind !== 'microtask'
  const busy = lifecycle.isPending || remove.isPending
  const run = (action: LifecycleAction) => {
    setDone(false)
    lifecycle.mutate(action, { onSuccess: () => setDone(true) })
  }
  return (
    <section aria-labelledby="admin-heading" className="admin-bar">
      <h2 id="admin-heading">{t('heading')}</h2>
      <div className="actions">
        {manager && campaign.phase !== 'closed' && campaign.phase !== 'cancelled' && (
          <Link className="button" to={`/c/${campaign.slug}/edit`}>
            {t('edit')}
          </Link>
        )}
        {contest && campaign.phase !== 'draft' && (
          <Link className="button" to={`/c/${campaign.slug}/moderation`}>
            {t('moderation')}
          </Link>
        )}
        {manager && (
          <Link className="button" to={`/c/${campaign.slug}/channels`}>
            {t('channels')}
          </Link>
        )}
        {manager && campaign.phase !== 'draft' && (
          <Link className="button" to={`/c/${campaign.slug}/analytics`}>
            {t('analytics')}
          </Link>
        )}
        {manager && campaign.kind === 'funding' && (
          <Link className="button" to={`/c/${campaign.slug}/funding`}>
            {t('dashboard.link', { ns: 'funding' })}
          </Link>
        )}
        {manager && campaign.kind === 'microtask' && (
          <Link className="button" to={`/c/${campaign.slug}/tasks`}>
            {t('tasks')}
          </Link>
        )}
        {manager && contest && campaign.phase !== 'draft' && (
          <Link className="button" to={`/c/${campaign.slug}/vote-integrity`}>
            {t('integrity.link', { ns: 'votes' })}
          </Link>
        )}
        {manager && campaign.phase === 'draft' && (
          <ConfirmButton
            label={t('publish')}
            action={t('publishAction')}
            question={t('publishQuestion')}
            busy={busy}
            onConfirm={() => run('publish')}
          />
        )}
        {manager && campaign.phase === 'judging' && (
          <ConfirmButton
            label={t('close')}
            action={t('closeAction')}
            question={t('closeQuestion')}
            busy={busy}
            onConfirm={() => run('close')}
          />
        )}
        {manager && CANCELLABLE.has(campaign.phase) && (
          <ConfirmButton
            label={t('cancel')}
            action={t('cancelAction')}
            question={t('cancelQuestion')}
            danger
            busy={busy}
            onConfirm={() => run('cancel')}
          />
        )}
        {manager && campaign.phase === 'draft' && (
          <ConfirmButton
            label={t('delete')}
            action={t('deleteAction')}
            question={t('deleteQuestion')}
            danger
            busy={busy}
            onConfirm={() =>
              remove.mutate(undefined, { onSuccess: () => void navigate(`/o/${campaign.organization}`, { replace: true }) })
            }
          />
        )}
      </div>
      {done && <p role="status">{t('done')}</p>}
      {lifecycle.isError &&
        (isProblem(lifecycle.error, 'funding.not_configured') ? (
          // A funding campaign is published once its goal is set: say where that is done.
          <div role="alert" className="alert">
            <p>
              {t('fundingFirst')} <Link to={`/c/${campaign.slug}/funding`}>{t('fundingLink')}</Link>
            </p>
          </div>
        ) : (
          <ErrorAlert error={lifecycle.error} />
        ))}
      {remove.isError && <ErrorAlert error={remove.error} />}
    </section>
  )
}
