// Setup through the API, for what a browser test needs in place but does not itself drive in the
// browser (a signed-in organiser, an organization, a campaign, a channel), typed from the
// generated schema.
import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from '../src/api/schema.js'
import { e2eBaseUrl } from './env.ts'
import { instantIn } from './time.ts'

type Schemas = components['schemas']
export type Api = Client<paths>

/** Registers `user` and returns the API as they see it: every request carries their access token. */
export async function registeredApi(user: Schemas['RegisterRequest']): Promise<Api> {
  const api = createClient<paths>({ baseUrl: e2eBaseUrl() })
  const { data: auth, error } = await api.POST('/api/v1/auth/register', { body: user })
  if (!auth) throw new Error(`register: ${JSON.stringify(error)}`)
  api.use({ onRequest: ({ request }) => (request.headers.set('Authorization', `Bearer ${auth.access_token}`), request) })
  return api
}

/** Signs `user` in (someone registered elsewhere, e.g. in the browser) and returns the API as they see it. */
export async function signedInApi(user: Schemas['LoginRequest']): Promise<Api> {
  const api = createClient<paths>({ baseUrl: e2eBaseUrl() })
  const { data: auth, error } = await api.POST('/api/v1/auth/login', { body: { email: user.email, password: user.password } })
  if (!auth) throw new Error(`login: ${JSON.stringify(error)}`)
  api.use({ onRequest: ({ request }) => (request.headers.set('Authorization', `Bearer ${auth.access_token}`), request) })
  return api
}

/** The answer of an API call, or an error naming `what` failed, with its HTTP status and problem. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, what: string): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok || data === undefined) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(error)}`)
  return data
}

/**
 * A campaign's rules, every one spelled out: public upvotes after the submissions, open to all, no
 * jury, two contributions each, no goals; `changes` set what a test is about.
 */
export function campaignRules(changes: Partial<Schemas['RulesDto']> = {}): Schemas['RulesDto'] {
  return {
    voting_method: 'upvote',
    vote_budget: null,
    vote_during_submission: false,
    hide_tallies: false,
    allow_self_vote: false,
    eligibility: 'open',
    jury_weight_percent: 0,
    remix_credit_percent: 0,
    guaranteed_prize: false,
    max_contributions_per_member: 2,
    require_approval: false,
    participation_target_percent: null,
    contribution_target: null,
    ...changes,
  }
}

/** Uploads `png` (see png.ts) as its owner's image, for a contribution or a task to show. */
export function uploadPng(api: Api, png: Buffer, filename: string): Promise<Schemas['MediaResponse']> {
  return must(
    api.POST('/api/v1/media', {
      body: { file: '' },
      bodySerializer: () => {
        const form = new FormData()
        form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), filename)
        return form
      },
    }),
    `upload ${filename}`,
  )
}

/**
 * A new organization `slug` and its published campaign `title`, open for submissions from five
 * minutes ago for a day (voting the day after), by the rules of `campaignRules(rules)`, with
 * `prizeTiers` (none unless given) and the `summary` and `brief` given (none unless given).
 */
export async function openCampaign(
  api: Api,
  {
    slug,
    name,
    title,
    rules = {},
    prizeTiers,
    summary,
    brief,
  }: {
    slug: string
    name: string
    title: string
    rules?: Partial<Schemas['RulesDto']>
    prizeTiers?: Schemas['PrizeTierDto'][]
    summary?: string
    brief?: string
  },
): Promise<Schemas['CampaignResponse']> {
  await must(api.POST('/api/v1/organizations', { body: { name, slug } }), 'organization')
  const campaign = await must(
    api.POST('/api/v1/organizations/{slug}/campaigns', {
      params: { path: { slug } },
      body: {
        kind: 'idea',
        title,
        ...(summary ? { summary } : {}),
        ...(brief ? { brief } : {}),
        rules: campaignRules(rules),
        ...(prizeTiers ? { prize_tiers: prizeTiers } : {}),
        schedule: {
          submissions_open_at: instantIn(-5),
          submissions_close_at: instantIn(24 * 60),
          voting_open_at: instantIn(24 * 60),
          voting_close_at: instantIn(48 * 60),
        },
      },
    }),
    'campaign',
  )
  await must(api.POST('/api/v1/campaigns/{id}/publish', { params: { path: { id: campaign.id } } }), 'publish')
  return campaign
}
