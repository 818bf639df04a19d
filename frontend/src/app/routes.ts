import type { RouteObject } from 'react-router'
import { RequireAuth } from '../features/auth/RequireAuth'
import { Layout } from './Layout'
import { lazyPage } from './lazyPage'

/**
 * The route table, shared by the browser router and the tests' memory routers. Every page loads on
 * the way to it (lazyPage), so the app's own chunk holds the frame alone.
 */
export const routes: RouteObject[] = [
  {
    Component: Layout,
    children: [
      // The front page: what a first visit loads besides the frame.
      { index: true, Component: lazyPage(async () => (await import('../features/campaigns/DiscoverPage')).DiscoverPage, ['campaigns', 'media']) },
      { path: 'login', Component: lazyPage(async () => (await import('../features/auth/LoginPage')).LoginPage, ['auth']) },
      { path: 'register', Component: lazyPage(async () => (await import('../features/auth/RegisterPage')).RegisterPage, ['auth']) },
      { path: 'status', Component: lazyPage(async () => (await import('../features/status/StatusPage')).StatusPage, ['status']) },
      {
        // Also where invitation links lead (`/c/:slug?via=code`): the page counts the visit. The
        // strings of a phase, kind or role's sections (votes, awards, invitations, pledges) arrive
        // when a campaign shows them.
        path: 'c/:slug',
        Component: lazyPage(async () => (await import('../features/campaign-page/CampaignPage')).CampaignPage, [
          'campaignPage',
          'campaigns',
          'contributions',
          'media',
        ]),
      },
      {
        path: 'contributions/:id',
        Component: lazyPage(async () => (await import('../features/contributions/ContributionPage')).ContributionPage, [
          'contributions',
          'comments',
          'media',
          'moderation',
          'votes',
        ]),
      },
      {
        path: 'organizations',
        Component: lazyPage(async () => (await import('../features/organizations/OrganizationsPage')).OrganizationsPage, ['organizations']),
      },
      {
        path: 'o/:slug',
        Component: lazyPage(async () => (await import('../features/organizations/OrganizationPage')).OrganizationPage, [
          'organizations',
          'campaigns',
          'media',
        ]),
      },
      // Where an email's unsubscribe link leads; the token is the credential.
      {
        path: 'unsubscribe',
        Component: lazyPage(async () => (await import('../features/notifications/UnsubscribePage')).UnsubscribePage, ['notifications']),
      },
      // Asking for a link to set a new password; the sign-in page links here.
      {
        path: 'password-reset',
        Component: lazyPage(async () => (await import('../features/auth/recovery/RequestPasswordResetPage')).RequestPasswordResetPage),
      },
      // Where the mailed links lead (the token is the credential): set a new password, confirm the address.
      {
        path: 'password-reset/:token',
        Component: lazyPage(async () => (await import('../features/auth/recovery/PasswordResetPage')).PasswordResetPage),
      },
      {
        path: 'verify-email/:token',
        Component: lazyPage(async () => (await import('../features/auth/recovery/VerifyEmailPage')).VerifyEmailPage),
      },
      // Where invitation links and mails lead (`/invitations/inv_…`); the token is the credential.
      {
        path: 'invitations/:token',
        Component: lazyPage(async () => (await import('../features/invitations/AcceptInvitationPage')).AcceptInvitationPage),
      },
      {
        Component: RequireAuth,
        children: [
          // Also where emails link the notification settings: `/me#notifications`.
          { path: 'me', Component: lazyPage(async () => (await import('../features/profile/ProfilePage')).ProfilePage, ['profile', 'notifications']) },
          { path: 'me/rewards', Component: lazyPage(async () => (await import('../features/rewards/MyRewardsPage')).MyRewardsPage, ['rewards']) },
          {
            path: 'me/timeline',
            Component: lazyPage(async () => (await import('../features/timeline/MyTimelinePage')).MyTimelinePage, ['timeline', 'reach']),
          },
          // Also where a "payment failed" notification leads.
          { path: 'me/pledges', Component: lazyPage(async () => (await import('../features/funding/MyPledgesPage')).MyPledgesPage, ['funding']) },
          // Only workers of micro-task campaigns need it.
          { path: 'me/work', Component: lazyPage(async () => (await import('../features/microtasks/MyWorkPage')).MyWorkPage) },
          // For developers, from the profile.
          { path: 'me/tokens', Component: lazyPage(async () => (await import('../features/tokens/TokensPage')).TokensPage) },
          // Visited now and then, from the profile.
          { path: 'me/security', Component: lazyPage(async () => (await import('../features/security/SecurityPage')).SecurityPage) },
          {
            path: 'notifications',
            Component: lazyPage(async () => (await import('../features/notifications/NotificationsPage')).NotificationsPage, ['notifications']),
          },
          {
            path: 'c/:slug/contribute',
            Component: lazyPage(async () => (await import('../features/contributions/ContributePage')).ContributePage, [
              'contributions',
              'media',
              'people',
            ]),
          },
          // The campaign editor: only organisers need it (one chunk with the page for new campaigns).
          {
            path: 'c/:slug/edit',
            Component: lazyPage(async () => (await import('../features/campaigns/editor/CampaignEditorPage')).EditCampaignPage, ['media']),
          },
          // The moderation desk: only an organization's staff need it.
          {
            path: 'c/:slug/moderation',
            Component: lazyPage(async () => (await import('../features/moderation/ModerationQueuePage')).ModerationQueuePage, ['moderation']),
          },
          // Only a campaign's managers need it.
          {
            path: 'c/:slug/vote-integrity',
            Component: lazyPage(async () => (await import('../features/votes/VoteIntegrityPage')).VoteIntegrityPage, ['votes']),
          },
          // Only a campaign's managers need it (with its QR codes).
          { path: 'c/:slug/channels', Component: lazyPage(async () => (await import('../features/reach/ChannelsPage')).ChannelsPage, ['reach']) },
          // Its charting library is most of the bundle and only organisers need it.
          {
            path: 'c/:slug/analytics',
            Component: lazyPage(async () => (await import('../features/insight/AnalyticsPage')).AnalyticsPage, ['reach']),
          },
          // Only a funding campaign's managers need it.
          {
            path: 'c/:slug/funding',
            Component: lazyPage(async () => (await import('../features/funding/FundingDashboardPage')).FundingDashboardPage, ['funding']),
          },
          // The task runner: only a micro-task campaign's workers need it.
          { path: 'c/:slug/work', Component: lazyPage(async () => (await import('../features/microtasks/TaskRunnerPage')).TaskRunnerPage) },
          // Only a micro-task campaign's managers need it.
          {
            path: 'c/:slug/tasks',
            Component: lazyPage(async () => (await import('../features/microtasks/TaskDashboardPage')).TaskDashboardPage, ['media']),
          },
          {
            path: 'contributions/:id/edit',
            Component: lazyPage(async () => (await import('../features/contributions/EditContributionPage')).EditContributionPage, [
              'contributions',
              'media',
            ]),
          },
          // Only an organization's staff need it.
          {
            path: 'o/:slug/members',
            Component: lazyPage(async () => (await import('../features/organizations/MembersPage')).MembersPage, ['organizations', 'people']),
          },
          // The campaign editor, as above.
          {
            path: 'o/:slug/campaigns/new',
            Component: lazyPage(async () => (await import('../features/campaigns/editor/CampaignEditorPage')).NewCampaignPage, ['media']),
          },
          // Only an organization's managers need it.
          {
            path: 'o/:slug/invitations',
            Component: lazyPage(async () => (await import('../features/invitations/InvitationsPage')).InvitationsPage),
          },
          // Only an organization's managers need it.
          { path: 'o/:slug/webhooks', Component: lazyPage(async () => (await import('../features/webhooks/WebhooksPage')).WebhooksPage) },
        ],
      },
      { path: '*', Component: lazyPage(async () => (await import('../features/not-found/NotFoundPage')).NotFoundPage, ['notFound']) },
    ],
  },
]
