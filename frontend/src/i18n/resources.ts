// Every namespace of every language. A feature adds its strings module here: to `modules` when
// pages everyone opens use it (it is bundled with the app), to `LazyModules` when only a lazily
// loaded page does (its strings then arrive with that page; see registerLazyStrings).
import * as auth from '../features/auth/strings'
import type * as recovery from '../features/auth/recovery/strings'
import * as campaignPage from '../features/campaign-page/strings'
import type * as organiserTools from '../features/campaign-page/organiser/strings'
import type * as campaignEditor from '../features/campaigns/editor/strings'
import * as campaigns from '../features/campaigns/strings'
import * as comments from '../features/comments/strings'
import * as contributions from '../features/contributions/strings'
import type * as lightbox from '../features/contributions/lightbox/strings'
import * as funding from '../features/funding/strings'
import type * as insight from '../features/insight/strings'
import type * as invitations from '../features/invitations/strings'
import * as media from '../features/media/strings'
import type * as microtasks from '../features/microtasks/strings'
import * as moderation from '../features/moderation/strings'
import * as notFound from '../features/not-found/strings'
import * as notifications from '../features/notifications/strings'
import * as organizations from '../features/organizations/strings'
import * as people from '../features/people/strings'
import * as profile from '../features/profile/strings'
import * as reach from '../features/reach/strings'
import * as rewards from '../features/rewards/strings'
import type * as awardsManager from '../features/rewards/manage/strings'
import type * as security from '../features/security/strings'
import * as status from '../features/status/strings'
import * as timeline from '../features/timeline/strings'
import type * as tokens from '../features/tokens/strings'
import * as votes from '../features/votes/strings'
import type * as webhooks from '../features/webhooks/strings'
import * as common from './common'

const modules = {
  common,
  auth,
  campaigns,
  campaignPage,
  contributions,
  media,
  comments,
  moderation,
  organizations,
  people,
  profile,
  rewards,
  notFound,
  status,
  votes,
  reach,
  timeline,
  notifications,
  funding,
}

/** The namespaces of manager pages, loaded with those pages rather than with the app. */
export interface LazyModules {
  insight: typeof insight
  webhooks: typeof webhooks
  microtasks: typeof microtasks
  security: typeof security
  invitations: typeof invitations
  organiserTools: typeof organiserTools
  awardsManager: typeof awardsManager
  lightbox: typeof lightbox
  recovery: typeof recovery
  campaignEditor: typeof campaignEditor
  tokens: typeof tokens
}
export type LazyNamespace = keyof LazyModules

type AllModules = typeof modules & LazyModules
/** Every namespace, bundled or lazy: what `t` is typed against. */
export type Namespaces = { [K in keyof AllModules]: AllModules[K]['en'] }
type BundledNamespaces = { [K in keyof typeof modules]: (typeof modules)[K]['en'] }

function language(pick: 'en' | 'de'): BundledNamespaces {
  const entries = Object.entries(modules).map(([namespace, strings]) => [namespace, strings[pick]])
  return Object.fromEntries(entries) as BundledNamespaces
}

export const resources = { en: language('en'), de: language('de') }
