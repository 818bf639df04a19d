import { describe, expect, it } from 'vitest'
import { detectLanguage } from './languages'
import * as insight from '../features/insight/strings'
import * as security from '../features/security/strings'
import * as webhooks from '../features/webhooks/strings'
import { resources } from './resources'

/** The bundled namespaces and those that arrive with their lazy pages. */
const everyNamespace = {
  en: { ...resources.en, insight: insight.en, webhooks: webhooks.en, security: security.en },
  de: { ...resources.de, insight: insight.de, webhooks: webhooks.de, security: security.de },
}

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
    for (const namespace of Object.keys(everyNamespace.en) as (keyof typeof everyNamespace.en)[]) {
      expect(keysOf(everyNamespace.de[namespace]).sort(), namespace).toEqual(keysOf(everyNamespace.en[namespace]).sort())
      for (const language of [everyNamespace.en, everyNamespace.de]) {
        const strings = JSON.stringify(language[namespace])
        expect(strings, namespace).not.toContain('""')
      }
    }
  })
})
