import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/errors'
import { i18n } from '../i18n'
import { errorsAt, fieldsIn, formProblemOf, type CodeMessages } from './problem'

const t = i18n.getFixedT('en', 'common')

function validation(errors: { field: string; message: string }[]) {
  return new ApiError(422, {
    type: 'urn:schwarm:problem:field.format',
    title: 'Unprocessable Entity',
    status: 422,
    code: 'field.format',
    detail: `invalid fields: ${errors.map((error) => error.field).join(', ')}`,
    errors: errors.map((error) => ({ ...error, code: 'field.format' as const })),
  })
}

describe('formProblemOf', () => {
  it('puts each 422 error on the field its path names, and the rest above the form', () => {
    const error = validation([
      { field: 'email', message: 'must be an email address' },
      { field: 'password', message: 'must be 10 to 1024 characters long' },
      { field: 'password', message: 'must not be the email address' },
      { field: 'via', message: 'unknown code' },
    ])

    const problem = formProblemOf(error, fieldsIn(['email', 'password']), t)

    expect(problem.fields).toEqual({
      email: ['must be an email address'],
      password: ['must be 10 to 1024 characters long', 'must not be the email address'],
    })
    expect(problem.general).toEqual(['Please correct the marked fields.', 'via: unknown code'])
  })

  it('shows the detail of any other problem above the form, with no field marked', () => {
    const error = new ApiError(409, {
      type: 'urn:schwarm:problem:slug.taken',
      title: 'Conflict',
      status: 409,
      code: 'slug.taken',
      detail: 'the slug is taken',
    })

    const problem = formProblemOf(error, fieldsIn(['slug']), t)

    expect(problem.fields).toEqual({})
    expect(problem.general).toEqual(['Conflict: the slug is taken'])
  })

  it('says the server could not be reached for a network failure', () => {
    const problem = formProblemOf(new TypeError('Failed to fetch'), fieldsIn([]), t)

    expect(problem.general).toEqual(['The server could not be reached. Check your connection and try again.'])
  })

  it('says the codes a form expects in its own words, and keeps the API’s for the others', () => {
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

    expect(problem.fields).toEqual({ url: ['own words for url'], description: ['must not be blank'] })
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
    expect(formProblemOf(limit, fieldsIn([]), t, () => undefined).general).toEqual(['Conflict: an organization has at most 20 webhooks'])
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
