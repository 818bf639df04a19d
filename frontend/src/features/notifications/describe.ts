// What a notification says and where it leads, from its `kind`, `count` and display `data` (the
// fields of the event that caused it, with its campaign's title and slug and its organization's
// slug). The inbox renders the sentence itself, in the UI's language; the API sends no text.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { anchorOf } from '../webhooks/links'
import type { Notification } from './queries'

export interface NotificationView {
  text: string
  /** The page about its subject, if there is one. */
  href: string | null
}

/** A text field of the display data, if it is there. */
function field(notification: Notification, name: string): string | undefined {
  const value = notification.data[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** Describes notifications in the current UI language. */
export function useDescribeNotification(): (notification: Notification) => NotificationView {
  const { t } = useTranslation('notifications')
  const format = useFormat()
  return (notification) => {
    const untitled = t('kind.untitled')
    const title = field(notification, 'title') ?? untitled
    const campaign = field(notification, 'campaign_title') ?? untitled
    const reason = field(notification, 'reason')
    const slug = field(notification, 'campaign_slug')
    const campaignPage = slug ? `/c/${slug}` : null
    const contributionPage = `/contributions/${notification.subject_id}`
    const count = notification.count

    switch (notification.kind) {
      case 'contribution_published':
        return { text: t('kind.contributionPublished', { title }), href: contributionPage }
      case 'contribution_rejected':
        return {
          text: reason ? t('kind.contributionRejected', { title, reason }) : t('kind.contributionRejectedNoReason', { title }),
          href: contributionPage,
        }
      case 'contribution_hidden':
        return {
          text: reason ? t('kind.contributionHidden', { title, reason }) : t('kind.contributionHiddenNoReason', { title }),
          href: contributionPage,
        }
      case 'co_author_invited':
        return { text: t('kind.coAuthorInvited', { title }), href: contributionPage }
      case 'comment_received':
        return {
          text: t('kind.commentReceived', { count, title: field(notification, 'contribution_title') ?? untitled }),
          href: contributionPage,
        }
      // The staff's notices lead to where they act on them.
      case 'entries_waiting':
        return { text: t('kind.entriesWaiting', { count, campaign }), href: slug ? `/c/${slug}/moderation?view=approval` : null }
      case 'report_received':
        return { text: t('kind.reportReceived', { count, campaign }), href: slug ? `/c/${slug}/moderation` : null }
      case 'voting_opened':
        return { text: t('kind.votingOpened', { campaign }), href: campaignPage }
      case 'winners_announced':
        return { text: t('kind.winnersAnnounced', { campaign }), href: campaignPage }
      // An award is listed with its amount and status among my rewards.
      case 'award_received':
        return { text: t('kind.awardReceived', { campaign }), href: '/me/rewards' }
      case 'award_status_changed': {
        const status = field(notification, 'status')
        const key =
          status === 'approved'
            ? 'kind.awardApproved'
            : status === 'paid'
              ? 'kind.awardPaid'
              : status === 'cancelled'
                ? 'kind.awardCancelled'
                : 'kind.awardChanged'
        return { text: t(key, { title }), href: '/me/rewards' }
      }
      // To the endpoint's card on its organization's webhooks page.
      case 'webhook_disabled': {
        const organization = field(notification, 'organization_slug')
        return {
          text: t('kind.webhookDisabled', { url: field(notification, 'url') ?? untitled }),
          href: organization ? `/o/${organization}/webhooks#${anchorOf(notification.subject_id)}` : null,
        }
      }
      // A pledge's payment and a funding campaign's end: the pledge is listed, and fixed, in my pledges.
      case 'payment_failed': {
        const amount = notification.data.amount_minor
        const currency = field(notification, 'currency')
        const graceUntil = field(notification, 'grace_until')
        const money = typeof amount === 'number' && currency ? format.money(amount, currency) : null
        const text = money ? t('kind.paymentFailed', { campaign, amount: money }) : t('kind.paymentFailedNoAmount', { campaign })
        return {
          text: graceUntil ? `${text} ${t('kind.paymentFailedFixBy', { date: format.dateTime(graceUntil) })}` : text,
          href: '/me/pledges',
        }
      }
      case 'pledge_dropped':
        return { text: t('kind.pledgeDropped', { campaign }), href: '/me/pledges' }
      case 'funding_decided': {
        const outcome = field(notification, 'outcome')
        const key =
          outcome === 'funded'
            ? 'kind.fundingFunded'
            : outcome === 'failed'
              ? 'kind.fundingFailed'
              : outcome === 'cancelled'
                ? 'kind.fundingCancelled'
                : 'kind.fundingDecided'
        return { text: t(key, { campaign }), href: campaignPage }
      }
      // A rejected answer is listed with its reason in my work; a pause is explained where I work.
      case 'answer_rejected':
        return {
          text: reason ? t('kind.answerRejected', { campaign, reason }) : t('kind.answerRejectedNoReason', { campaign }),
          href: '/me/work?status=rejected',
        }
      case 'worker_paused':
        return {
          text: reason ? t('kind.workerPaused', { campaign, reason }) : t('kind.workerPausedNoReason', { campaign }),
          href: slug ? `/c/${slug}/work` : null,
        }
      // A kind this build does not know yet (the API may add some): still a line, not a broken page.
      default:
        return { text: t('kind.other'), href: null }
    }
  }
}
