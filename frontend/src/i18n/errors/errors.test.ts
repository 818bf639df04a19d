import { describe, expect, it } from 'vitest'
import { i18n } from '..'
import { de } from './de'
import { en } from './en'
import { refusalMessage, type ErrorMessages } from './index'

/**
 * The API's document (`../openapi.yaml`), read at test time with Node's fs: the app's types leave
 * Node out, so the module is typed here by hand (and named through a variable for the same reason).
 */
async function readOpenapi(): Promise<string> {
  const fsModule = 'node:fs'
  const fs = (await import(/* @vite-ignore */ fsModule)) as { readFileSync: (path: string, encoding: 'utf8') => string }
  const node = globalThis as unknown as { process: { cwd: () => string } }
  return fs.readFileSync(`${node.process.cwd()}/../openapi.yaml`, 'utf8')
}
const openapi = await readOpenapi()

/** The ErrorCode schema of the API's document: its enumeration and the params its table documents. */
function catalogue(): { codes: string[]; params: Map<string, string[]> } {
  const yaml = openapi
  const start = yaml.indexOf('\n    ErrorCode:\n')
  expect(start, 'openapi.yaml has an ErrorCode schema').toBeGreaterThan(0)
  const schema = yaml.slice(start + 1).split(/\n {4}\S/)[0]
  const codes = [...schema.split('\n      enum:\n')[1].matchAll(/^ {6}- (\S+)$/gm)].map((match) => match[1])
  const params = new Map<string, string[]>()
  for (const [, code, meaning] of schema.matchAll(/^ *\| `([^`]+)` \| \d{3} \| (.*) \|$/gm)) {
    const documented = meaning.split('Params:')[1] ?? ''
    params.set(code, [...documented.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]))
  }
  return { codes, params }
}

/** The params a message interpolates: `{{min, number}}` uses `min`. */
function interpolated(message: string): string[] {
  return [...message.matchAll(/\{\{\s*([^,}\s]+)/g)].map((match) => match[1])
}

const languages: Record<string, ErrorMessages> = { en, de }

describe('the error catalogue', () => {
  const { codes, params } = catalogue()

  it('is read from the API document', () => {
    expect(codes.length).toBeGreaterThan(100)
    expect(codes).toContain('field.length')
    expect(params.get('request.too_large')).toEqual(['limit'])
    expect(params.get('vote.value_invalid')).toEqual(['method', 'min', 'max'])
  })

  it('has a message for every code in English and German', () => {
    for (const [language, messages] of Object.entries(languages)) {
      const missing = codes.filter((code) => !(messages[code as keyof ErrorMessages] ?? '').trim())
      expect(missing, `codes without a ${language} message`).toEqual([])
    }
  })

  it('has no message for a code the API does not have, and the same variants in both languages', () => {
    const known = new Set(codes)
    for (const messages of Object.values(languages)) {
      const strays = Object.keys(messages).filter((key) => !known.has(key) && !codes.some((code) => key.startsWith(`${code}_`)))
      expect(strays).toEqual([])
    }
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort())
  })

  it('uses only the params the API documents for a code', () => {
    for (const [language, messages] of Object.entries(languages)) {
      for (const [key, message] of Object.entries(messages)) {
        // A variant (`field.length_max`) belongs to the longest code it starts with.
        const code = codes.filter((candidate) => key === candidate || key.startsWith(`${candidate}_`)).sort((a, b) => b.length - a.length)[0]
        const allowed = params.get(code) ?? []
        const unknown = interpolated(message ?? '').filter((param) => !allowed.includes(param))
        expect(unknown, `${language} ${key}`).toEqual([])
      }
    }
  })
})

describe('refusalMessage', () => {
  const english = i18n.getFixedT('en', 'common')
  const german = i18n.getFixedT('de', 'common')

  it('says a length refusal with its bounds, as it reads next to a field', () => {
    const refusal = { code: 'field.length', params: { max: 100 } }
    expect(refusalMessage(refusal, english)).toBe('At most 100 characters')
    expect(refusalMessage(refusal, german)).toBe('Höchstens 100 Zeichen')
    expect(refusalMessage({ code: 'field.length', params: { min: 10, max: 1024 } }, german)).toBe('Zwischen 10 und 1.024 Zeichen')
    expect(refusalMessage({ code: 'field.required' }, german)).toBe('Pflichtangabe')
  })

  it('shows a size limit in megabytes', () => {
    const refusal = { code: 'request.too_large', params: { limit: 10 * 1024 * 1024 } }
    expect(refusalMessage(refusal, english)).toBe('This is too large: the server accepts at most 10 MB.')
    expect(refusalMessage(refusal, german)).toBe('Das ist zu groß: Der Server nimmt höchstens 10 MB an.')
  })

  it('names phases, roles and methods in the language, and picks the variant the params call for', () => {
    expect(refusalMessage({ code: 'vote.voting_closed', params: { phase: 'submission' } }, german)).toBe(
      'Abstimmen ist gerade nicht möglich (Phase: Einreichung offen).',
    )
    expect(refusalMessage({ code: 'vote.value_invalid', params: { method: 'stars', min: 1, max: 5 } }, english)).toBe(
      'Give from 1 to 5 stars.',
    )
    expect(refusalMessage({ code: 'organization.role_insufficient', params: { role: 'owner' } }, german)).toBe(
      'Deine Rolle (Inhaber) erlaubt das nicht.',
    )
    expect(refusalMessage({ code: 'invitation.unavailable', params: { reason: 'expired' } }, german)).toBe('Diese Einladung ist abgelaufen.')
    expect(refusalMessage({ code: 'not_found', params: { resource: 'delivery' } }, english)).toBe(
      'This does not exist, or you may not see it.',
    )
  })

  it('says why a mailed link no longer works, by its reason', () => {
    const link = (reason?: string) => ({ code: 'account_link.unavailable', params: reason === undefined ? {} : { reason } })
    expect(refusalMessage(link('expired'), german)).toBe('Dieser Link ist abgelaufen. Bitte fordere einen neuen an.')
    expect(refusalMessage(link('used'), english)).toBe(
      'This link has been used already, or a newer one was sent since: only the newest link works, once.',
    )
    expect(refusalMessage(link('unknown'), german)).toMatch(/^Dieser Link ist ungültig\./)
    // A reason this client does not know yet: the general message.
    expect(refusalMessage(link('revoked'), english)).toBe('This link no longer works. Please ask for a new one.')
    expect(refusalMessage(link(), german)).toBe('Dieser Link funktioniert nicht mehr. Bitte fordere einen neuen an.')
  })

  it('knows nothing of a code a newer server may send', () => {
    expect(refusalMessage({ code: 'teleport.too_far', params: {} }, german)).toBeUndefined()
  })
})
