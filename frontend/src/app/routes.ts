import type { RouteObject } from 'react-router'
import { LoginPage } from '../features/auth/LoginPage'
import { RegisterPage } from '../features/auth/RegisterPage'
import { RequireAuth } from '../features/auth/RequireAuth'
import { CampaignPage } from '../features/campaign-page/CampaignPage'
import { DiscoverPage } from '../features/campaigns/DiscoverPage'
import { ContributePage } from '../features/contributions/ContributePage'
import { ContributionPage } from '../features/contributions/ContributionPage'
import { EditContributionPage } from '../features/contributions/EditContributionPage'
import { MyPledgesPage } from '../features/funding/MyPledgesPage'
import { NotFoundPage } from '../features/not-found/NotFoundPage'
import { NotificationsPage } from '../features/notifications/NotificationsPage'
import { UnsubscribePage } from '../features/notifications/UnsubscribePage'
import { OrganizationPage } from '../features/organizations/OrganizationPage'
import { OrganizationsPage } from '../features/organizations/OrganizationsPage'
import { ProfilePage } from '../features/profile/ProfilePage'
import { MyRewardsPage } from '../features/rewards/MyRewardsPage'
import { StatusPage } from '../features/status/StatusPage'
import { MyTimelinePage } from '../features/timeline/MyTimelinePage'
import { Loading } from '../ui/QueryStates'
import { Layout } from './Layout'

/** The route table, shared by the browser router and the tests' memory routers. */
export const routes: RouteObject[] = [
  {
    Component: Layout,
    children: [
      { index: true, Component: DiscoverPage },
      { path: 'login', Component: LoginPage },
      { path: 'register', Component: RegisterPage },
      { path: 'status', Component: StatusPage },
      // Also where invitation links lead (`/c/:slug?via=code`): the page counts the visit.
      { path: 'c/:slug', Component: CampaignPage },
      { path: 'contributions/:id', Component: ContributionPage },
      { path: 'organizations', Component: OrganizationsPage },
      { path: 'o/:slug', Component: OrganizationPage },
      // Where an email's unsubscribe link leads; the token is the credential.
      { path: 'unsubscribe', Component: UnsubscribePage },
      {
        // Asking for a link to set a new password; the sign-in page links here.
        path: 'password-reset',
        lazy: async () => ({
          Component: (await import('../features/auth/recovery/RequestPasswordResetPage')).RequestPasswordResetPage,
        }),
        HydrateFallback: Loading,
      },
      {
        // Where the mailed links lead (the token is the credential): set a new password, confirm
        // the address. Opened once in a while: load them on the way there.
        path: 'password-reset/:token',
        lazy: async () => ({ Component: (await import('../features/auth/recovery/PasswordResetPage')).PasswordResetPage }),
        HydrateFallback: Loading,
      },
      {
        path: 'verify-email/:token',
        lazy: async () => ({ Component: (await import('../features/auth/recovery/VerifyEmailPage')).VerifyEmailPage }),
        HydrateFallback: Loading,
      },
      {
        // Where invitation links and mails lead (`/invitations/inv_…`); the token is the credential.
        // Opened once per invitation: load it on the way there.
        path: 'invitations/:token',
        lazy: async () => ({ Component: (await import('../features/invitations/AcceptInvitationPage')).AcceptInvitationPage }),
        HydrateFallback: Loading,
      },
      {
        Component: RequireAuth,
        children: [
          // Also where emails link the notification settings: `/me#notifications`.
          { path: 'me', Component: ProfilePage },
          { path: 'me/rewards', Component: MyRewardsPage },
          { path: 'me/timeline', Component: MyTimelinePage },
          // Also where a "payment failed" notification leads.
          { path: 'me/pledges', Component: MyPledgesPage },
          {
            path: 'me/work',
            // Only workers of micro-task campaigns need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/microtasks/MyWorkPage')).MyWorkPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'me/tokens',
            // For developers, from the profile: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/tokens/TokensPage')).TokensPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'me/security',
            // Visited now and then, from the profile: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/security/SecurityPage')).SecurityPage }),
            HydrateFallback: Loading,
          },
          { path: 'notifications', Component: NotificationsPage },
          { path: 'c/:slug/contribute', Component: ContributePage },
          {
            path: 'c/:slug/edit',
            // The campaign editor: only organisers need it (one chunk with the page for new campaigns).
            lazy: async () => ({ Component: (await import('../features/campaigns/editor/CampaignEditorPage')).EditCampaignPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/moderation',
            // The moderation desk: only an organization's staff need it.
            lazy: async () => ({ Component: (await import('../features/moderation/ModerationQueuePage')).ModerationQueuePage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/vote-integrity',
            // Only a campaign's managers need it.
            lazy: async () => ({ Component: (await import('../features/votes/VoteIntegrityPage')).VoteIntegrityPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/channels',
            // Only a campaign's managers need it (with its QR codes).
            lazy: async () => ({ Component: (await import('../features/reach/ChannelsPage')).ChannelsPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/analytics',
            // Its charting library is most of the bundle and only organisers need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/insight/AnalyticsPage')).AnalyticsPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/funding',
            // Only a funding campaign's managers need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/funding/FundingDashboardPage')).FundingDashboardPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/work',
            // The task runner: only a micro-task campaign's workers need it.
            lazy: async () => ({ Component: (await import('../features/microtasks/TaskRunnerPage')).TaskRunnerPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'c/:slug/tasks',
            // Only a micro-task campaign's managers need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/microtasks/TaskDashboardPage')).TaskDashboardPage }),
            HydrateFallback: Loading,
          },
          { path: 'contributions/:id/edit', Component: EditContributionPage },
          {
            path: 'o/:slug/members',
            // Only an organization's staff need it.
            lazy: async () => ({ Component: (await import('../features/organizations/MembersPage')).MembersPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'o/:slug/campaigns/new',
            // The campaign editor, as above.
            lazy: async () => ({ Component: (await import('../features/campaigns/editor/CampaignEditorPage')).NewCampaignPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'o/:slug/invitations',
            // Only an organization's managers need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/invitations/InvitationsPage')).InvitationsPage }),
            HydrateFallback: Loading,
          },
          {
            path: 'o/:slug/webhooks',
            // Only an organization's managers need it: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/webhooks/WebhooksPage')).WebhooksPage }),
            HydrateFallback: Loading,
          },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]
