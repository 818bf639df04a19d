import type { RouteObject } from 'react-router'
import { LoginPage } from '../features/auth/LoginPage'
import { RegisterPage } from '../features/auth/RegisterPage'
import { RequireAuth } from '../features/auth/RequireAuth'
import { CampaignPage } from '../features/campaign-page/CampaignPage'
import { DiscoverPage } from '../features/campaigns/DiscoverPage'
import { EditCampaignPage, NewCampaignPage } from '../features/campaigns/editor/CampaignEditorPage'
import { ContributePage } from '../features/contributions/ContributePage'
import { ContributionPage } from '../features/contributions/ContributionPage'
import { EditContributionPage } from '../features/contributions/EditContributionPage'
import { MyPledgesPage } from '../features/funding/MyPledgesPage'
import { ModerationQueuePage } from '../features/moderation/ModerationQueuePage'
import { NotFoundPage } from '../features/not-found/NotFoundPage'
import { NotificationsPage } from '../features/notifications/NotificationsPage'
import { UnsubscribePage } from '../features/notifications/UnsubscribePage'
import { MembersPage } from '../features/organizations/MembersPage'
import { OrganizationPage } from '../features/organizations/OrganizationPage'
import { OrganizationsPage } from '../features/organizations/OrganizationsPage'
import { ProfilePage } from '../features/profile/ProfilePage'
import { ChannelsPage } from '../features/reach/ChannelsPage'
import { MyRewardsPage } from '../features/rewards/MyRewardsPage'
import { StatusPage } from '../features/status/StatusPage'
import { MyTimelinePage } from '../features/timeline/MyTimelinePage'
import { TokensPage } from '../features/tokens/TokensPage'
import { VoteIntegrityPage } from '../features/votes/VoteIntegrityPage'
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
          { path: 'me/tokens', Component: TokensPage },
          {
            path: 'me/security',
            // Visited now and then, from the profile: load it on the way there.
            lazy: async () => ({ Component: (await import('../features/security/SecurityPage')).SecurityPage }),
            HydrateFallback: Loading,
          },
          { path: 'notifications', Component: NotificationsPage },
          { path: 'c/:slug/contribute', Component: ContributePage },
          { path: 'c/:slug/edit', Component: EditCampaignPage },
          { path: 'c/:slug/moderation', Component: ModerationQueuePage },
          { path: 'c/:slug/vote-integrity', Component: VoteIntegrityPage },
          { path: 'c/:slug/channels', Component: ChannelsPage },
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
          { path: 'o/:slug/members', Component: MembersPage },
          { path: 'o/:slug/campaigns/new', Component: NewCampaignPage },
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
