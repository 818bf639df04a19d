// Every namespace of every language. Only `common` (the frame: header, footer, states) is bundled
// with the app; every other namespace is a chunk of its own. A feature adds its strings module
// here: to `loaders` when pages use it through `useTranslation` (i18next loads it on first use, and
// a route's `lazy` asks for its page's namespaces beside the page so nothing waits twice; see
// app/routes.ts), or to `LazyModules` when only a lazily loaded page uses it and brings its
// strings itself (registerLazyStrings).
import type * as auth from '../features/auth/strings'
import type * as recovery from '../features/auth/recovery/strings'
import type * as campaignPage from '../features/campaign-page/strings'
import type * as organiserTools from '../features/campaign-page/organiser/strings'
import type * as campaignEditor from '../features/campaigns/editor/strings'
import type * as campaigns from '../features/campaigns/strings'
import type * as comments from '../features/comments/strings'
import type * as contributions from '../features/contributions/strings'
import type * as lightbox from '../features/contributions/lightbox/strings'
import type * as funding from '../features/funding/strings'
import type * as insight from '../features/insight/strings'
import type * as invitations from '../features/invitations/strings'
import type * as media from '../features/media/strings'
import type * as microtasks from '../features/microtasks/strings'
import type * as moderation from '../features/moderation/strings'
import type * as notFound from '../features/not-found/strings'
import type * as notifications from '../features/notifications/strings'
import type * as organizations from '../features/organizations/strings'
import type * as people from '../features/people/strings'
import type * as profile from '../features/profile/strings'
import type * as reach from '../features/reach/strings'
import type * as rewards from '../features/rewards/strings'
import type * as awardsManager from '../features/rewards/manage/strings'
import type * as security from '../features/security/strings'
import type * as status from '../features/status/strings'
import type * as timeline from '../features/timeline/strings'
import type * as tokens from '../features/tokens/strings'
import type * as votes from '../features/votes/strings'
import type * as webhooks from '../features/webhooks/strings'
import * as common from './common'

/** A strings module: English and German side by side. */
interface StringsModule {
  en: object
  de: object
}

/** The namespaces i18next loads on first use (its backend, see i18n/index.ts), each once. */
export const loaders = {
  auth: (): Promise<typeof auth> => import('../features/auth/strings'),
  campaigns: (): Promise<typeof campaigns> => import('../features/campaigns/strings'),
  campaignPage: (): Promise<typeof campaignPage> => import('../features/campaign-page/strings'),
  contributions: (): Promise<typeof contributions> => import('../features/contributions/strings'),
  media: (): Promise<typeof media> => import('../features/media/strings'),
  comments: (): Promise<typeof comments> => import('../features/comments/strings'),
  moderation: (): Promise<typeof moderation> => import('../features/moderation/strings'),
  organizations: (): Promise<typeof organizations> => import('../features/organizations/strings'),
  people: (): Promise<typeof people> => import('../features/people/strings'),
  profile: (): Promise<typeof profile> => import('../features/profile/strings'),
  rewards: (): Promise<typeof rewards> => import('../features/rewards/strings'),
  notFound: (): Promise<typeof notFound> => import('../features/not-found/strings'),
  status: (): Promise<typeof status> => import('../features/status/strings'),
  votes: (): Promise<typeof votes> => import('../features/votes/strings'),
  reach: (): Promise<typeof reach> => import('../features/reach/strings'),
  timeline: (): Promise<typeof timeline> => import('../features/timeline/strings'),
  notifications: (): Promise<typeof notifications> => import('../features/notifications/strings'),
  funding: (): Promise<typeof funding> => import('../features/funding/strings'),
} satisfies Record<string, () => Promise<StringsModule>>

/** A namespace i18next loads on first use. */
export type LoadedNamespace = keyof typeof loaders
type LoadedModules = { [K in LoadedNamespace]: Awaited<ReturnType<(typeof loaders)[K]>> }

/** The namespaces of manager pages, which bring their strings with them (registerLazyStrings). */
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

type AllModules = { common: typeof common } & LoadedModules & LazyModules
/** Every namespace, bundled or lazy: what `t` is typed against. */
export type Namespaces = { [K in keyof AllModules]: AllModules[K]['en'] }

/** The bundled strings: there for the first render. */
export const resources = {
  en: { common: common.en },
  de: { common: common.de },
}
