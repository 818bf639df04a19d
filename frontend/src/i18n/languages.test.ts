import { beforeAll, describe, expect, it } from 'vitest'
import { detectLanguage } from './languages'
import * as recovery from '../features/auth/recovery/strings'
import * as organiserTools from '../features/campaign-page/organiser/strings'
import * as campaignEditor from '../features/campaigns/editor/strings'
import * as lightbox from '../features/contributions/lightbox/strings'
import * as insight from '../features/insight/strings'
import * as invitations from '../features/invitations/strings'
import * as microtasks from '../features/microtasks/strings'
import * as awardsManager from '../features/rewards/manage/strings'
import * as security from '../features/security/strings'
import * as tokens from '../features/tokens/strings'
import * as webhooks from '../features/webhooks/strings'
import { type LazyModules, loaders, resources } from './resources'

/** The pages' own namespaces, which arrive with their lazy pages. */
const lazyModules: LazyModules = {
  insight,
  webhooks,
  microtasks,
  security,
  invitations,
  organiserTools,
  awardsManager,
  lightbox,
  recovery,
  campaignEditor,
  tokens,
}

/** Every namespace: the bundled one, those loaded on first use and those of the lazy pages. */
const everyNamespace: Record<'en' | 'de', Record<string, object>> = {
  en: { ...resources.en },
  de: { ...resources.de },
}

beforeAll(async () => {
  const loaded = await Promise.all(Object.entries(loaders).map(async ([namespace, load]) => [namespace, await load()] as const))
  for (const [namespace, strings] of [...loaded, ...Object.entries(lazyModules)]) {
    everyNamespace.en[namespace] = strings.en
    everyNamespace.de[namespace] = strings.de
  }
})

describe('detectLanguage', () => {
  it('prefers the remembered choice, then the browser languages in order, then English', () => {
    expect(detectLanguage('de', ['en-US'])).toBe('de')
    expect(detectLanguage(null, ['fr-FR', 'de-AT', 'en'])).toBe('de')
    expect(detectLanguage('xx', ['en-GB'])).toBe('en')
    expect(detectLanguage(null, ['fr', 'it'])).toBe('en')
  })
})

/** Every key path of a nested strings object, e.g. `nav.signIn`. */
function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'string' ? [`${prefix}${key}`] : keysOf(inner as object, `${prefix}${key}.`),
  )
}

describe('translations', () => {
  it('give German the same keys as English in every namespace, none of them empty', () => {
    expect(Object.keys(everyNamespace.en).length).toBeGreaterThan(Object.keys(loaders).length)
    for (const namespace of Object.keys(everyNamespace.en)) {
      expect(keysOf(everyNamespace.de[namespace]).sort(), namespace).toEqual(keysOf(everyNamespace.en[namespace]).sort())
      for (const language of [everyNamespace.en, everyNamespace.de]) {
        const strings = JSON.stringify(language[namespace])
        expect(strings, namespace).not.toContain('""')
      }
    }
  })
})
