import { describe, expect, it } from 'vitest'
import { ApiError, type FieldError, type Problem } from '../api/errors'
import type { Schemas } from '../api/types'
import { i18n } from '../i18n'
import { errorsAt, fieldsIn, formProblemOf, type CodeMessages } from './problem'

const t = i18n.getFixedT('en', 'common')

function validation(errors: { field: string; code: Schemas['ErrorCode']; message: string; params?: Record<string, number> }[]) {
  return new ApiError(422, {
    type: `urn:schwarm:problem:${errors[0].code}`,
    title: 'Unprocessable Entity',
    status: 422,
    code: errors[0].code,
    detail: `invalid fields: ${errors.map((error) => error.field).join(', ')}`,
    errors,
  })
}

describe('formProblemOf', () => {
  it('puts each 422 error on the field its path names, translated, and the rest above the form', () => {
    const error = validation([
      { field: 'email', code: 'field.format', message: 'must be an email address' },
      { field: 'password', code: 'field.length', message: 'must be 10 to 1024 characters long', params: { min: 10, max: 1024 } },
      { field: 'password', code: 'password.is_email', message: 'must not be the email address' },
      { field: 'via', code: 'field.unknown', message: 'unknown field' },
    ])

    const problem = formProblemOf(error, fieldsIn(['email', 'password']), t)

    expect(problem.fields).toEqual({
      email: ['Not in the required form'],
      password: ['Between 10 and 1,024 characters', 'The password must not be your email address.'],
    })
    expect(problem.general).toEqual(['Please correct the marked fields.', 'via: Not accepted here'])
  })

  it('says a 422 in German, the field’s bounds included', () => {
    const error = validation([{ field: 'title', code: 'field.length', message: 'at most 100 characters', params: { max: 100 } }])

    const problem = formProblemOf(error, fieldsIn(['title']), i18n.getFixedT('de', 'common'))

    expect(problem.fields).toEqual({ title: ['Höchstens 100 Zeichen'] })
    expect(problem.general).toEqual(['Bitte korrigiere die markierten Felder.'])
  })

  it('says any other problem above the form in the UI’s language, with its params, and marks no field', () => {
    const error = new ApiError(409, {
      type: 'urn:schwarm:problem:slug.taken',
      title: 'Conflict',
      status: 409,
      code: 'slug.taken',
      detail: 'the slug spring is taken',
      params: { slug: 'spring' },
    })

    const problem = formProblemOf(error, fieldsIn(['slug']), t)

    expect(problem.fields).toEqual({})
    expect(problem.general).toEqual(['The address “spring” is taken. Please choose another.'])
    expect(formProblemOf(error, fieldsIn(['slug']), i18n.getFixedT('de', 'common')).general).toEqual([
      'Die Adresse „spring“ ist vergeben. Bitte wähle eine andere.',
    ])
  })

  it('keeps the API’s words for a code this client does not know yet (a newer server)', () => {
    const newer = {
      type: 'urn:schwarm:problem:campaign.on_holiday',
      title: 'Conflict',
      status: 409,
      code: 'campaign.on_holiday',
      detail: 'the campaign is on holiday',
    } as unknown as Problem
    const field = { field: 'title', code: 'title.on_holiday', message: 'takes a break' } as unknown as FieldError

    expect(formProblemOf(new ApiError(409, newer), fieldsIn([]), t).general).toEqual(['Conflict: the campaign is on holiday'])
    const withField = new ApiError(422, { ...newer, status: 422, errors: [field] })
    expect(formProblemOf(withField, fieldsIn(['title']), t).fields).toEqual({ title: ['takes a break'] })
  })

  it('says the server could not be reached for a network failure', () => {
    const problem = formProblemOf(new TypeError('Failed to fetch'), fieldsIn([]), t)

    expect(problem.general).toEqual(['The server could not be reached. Check your connection and try again.'])
  })

  it('says the codes a form expects in its own words, and the central translation for the others', () => {
    const error = new ApiError(422, {
      type: 'urn:schwarm:problem:webhook.target_forbidden',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'webhook.target_forbidden',
      errors: [
        { field: 'url', code: 'webhook.target_forbidden', message: 'the address is internal' },
        { field: 'description', code: 'field.blank', message: 'must not be blank' },
      ],
    })
    const messages: CodeMessages = ({ code, field }) => (code === 'webhook.target_forbidden' ? `own words for ${field}` : undefined)

    const problem = formProblemOf(error, fieldsIn(['url', 'description']), t, messages)

    expect(problem.fields).toEqual({ url: ['own words for url'], description: ['Must not be empty'] })
  })

  it('says a problem without fields in the form’s words when it has some, with the params', () => {
    const limit = new ApiError(409, {
      type: 'urn:schwarm:problem:webhook.limit_reached',
      title: 'Conflict',
      status: 409,
      code: 'webhook.limit_reached',
      detail: 'an organization has at most 20 webhooks',
      params: { max: 20 },
    })
    const messages: CodeMessages = ({ code, params }) => (code === 'webhook.limit_reached' ? `at most ${String(params.max)}` : undefined)

    expect(formProblemOf(limit, fieldsIn([]), t, messages).general).toEqual(['at most 20'])
    expect(formProblemOf(limit, fieldsIn([]), t, () => undefined).general).toEqual([
      'The organization has the most webhooks allowed (20).',
    ])
  })

  it('has nothing to say before the first submit', () => {
    expect(formProblemOf(null, fieldsIn(['title']), t)).toEqual({ fields: {}, general: [] })
  })
})

describe('errorsAt', () => {
  it('collects the messages of a list field and its items', () => {
    const fields = { tags: ['at most 10'], 'tags[3]': ['too long'], title: ['required'] }

    expect(errorsAt(fields, 'tags')).toEqual(['at most 10', 'too long'])
    expect(errorsAt(fields, 'body')).toBeUndefined()
  })
})
