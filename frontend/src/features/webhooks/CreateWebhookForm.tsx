// Adds an endpoint: its address, a description, which events (all, also those added later, or the
// ones chosen, grouped by area) and optionally one campaign. The answer, with the signing secret,
// goes straight to `onCreated` and is then dropped from the mutation, so the page alone holds it.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { EVENT_GROUPS, EVENT_TYPES, eventLabelKey, type SubscribableEventType } from './eventTypes'
import { useWebhookProblemMessages } from './problemMessages'
import { useCreateWebhook, type WebhookWithSecret } from './queries'

const FIELDS = /^(url|description|campaign|event_types(\[\d+\])?)$/

export interface CampaignChoice {
  id: string
  title: string
}

interface Props {
  organizationSlug: string
  /** The organization's campaigns, to limit the endpoint to one. */
  campaigns: readonly CampaignChoice[]
  onCreated: (created: WebhookWithSecret) => void
}

export function CreateWebhookForm({ organizationSlug, campaigns, onCreated }: Props) {
  const { t } = useTranslation('webhooks')
  const create = useCreateWebhook(organizationSlug)
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [allEvents, setAllEvents] = useState(true)
  const [types, setTypes] = useState<ReadonlySet<SubscribableEventType>>(new Set())
  const [noType, setNoType] = useState(false)
  const [campaign, setCampaign] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFormProblem(create.error, (path) => FIELDS.test(path), useWebhookProblemMessages())
  useFocusFirstProblem(form, create.error)

  const typeErrors = [...(noType ? [t('create.eventsRequired')] : []), ...(errorsAt(problem.fields, 'event_types') ?? [])]
  const typesErrorId = `${ids}-types-error`

  function toggle(type: SubscribableEventType, on: boolean) {
    const next = new Set(types)
    if (on) next.add(type)
    else next.delete(type)
    setTypes(next)
    if (next.size > 0) setNoType(false)
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (!allEvents && types.size === 0) {
      setNoType(true)
      form.current?.querySelector<HTMLInputElement>('.event-grid input[type="checkbox"]')?.focus()
      return
    }
    create.mutate(
      {
        url: url.trim(),
        description: description.trim(),
        // `null`: every type, also those the API adds later. Chosen ones in the API's order.
        event_types: allEvents ? null : EVENT_TYPES.filter((type) => types.has(type)),
        campaign: campaign === '' ? null : campaign,
      },
      {
        onSuccess: (created) => {
          setUrl('')
          setDescription('')
          setAllEvents(true)
          setTypes(new Set())
          setCampaign('')
          onCreated(created)
          create.reset()
        },
      },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('create.heading')}</h2>
      <FormAlert problem={problem} />
      <TextField
        label={t('create.url')}
        hint={t('create.urlHint')}
        type="url"
        required
        maxLength={2000}
        autoComplete="off"
        spellCheck={false}
        placeholder="https://"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={problem.fields.url}
      />
      <TextField
        label={t('create.description')}
        hint={t('create.descriptionHint')}
        maxLength={200}
        autoComplete="off"
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        errors={problem.fields.description}
      />
      <fieldset className="stack-sm">
        <legend>{t('create.events')}</legend>
        <div className="field checkbox">
          <input id={`${ids}-all`} type="radio" name={`${ids}-events`} checked={allEvents} onChange={() => setAllEvents(true)} />
          <label htmlFor={`${ids}-all`}>{t('create.eventsAll')}</label>
        </div>
        <div className="field checkbox">
          <input
            id={`${ids}-some`}
            type="radio"
            name={`${ids}-events`}
            checked={!allEvents}
            onChange={() => setAllEvents(false)}
          />
          <label htmlFor={`${ids}-some`}>{t('create.eventsSome')}</label>
        </div>
        {!allEvents && (
          <div className="event-grid">
            {EVENT_GROUPS.map(({ group, types: inGroup }) => (
              <fieldset key={group}>
                <legend>{t(`group.${group}`)}</legend>
                {inGroup.map((type) => {
                  const id = `${ids}-${type}`
                  return (
                    <div key={type} className="field checkbox">
                      <input
                        id={id}
                        type="checkbox"
                        checked={types.has(type)}
                        onChange={(event) => toggle(type, event.target.checked)}
                        aria-invalid={typeErrors.length > 0 || undefined}
                        aria-describedby={typeErrors.length > 0 ? `${id}-code ${typesErrorId}` : `${id}-code`}
                      />
                      <label htmlFor={id}>{t(eventLabelKey(type))}</label>
                      <p id={`${id}-code`} className="hint">
                        <code>{type}</code>
                      </p>
                    </div>
                  )
                })}
              </fieldset>
            ))}
          </div>
        )}
        {typeErrors.length > 0 && (
          <p id={typesErrorId} className="field-error">
            {typeErrors.join(' ')}
          </p>
        )}
      </fieldset>
      <SelectField
        label={t('create.campaign')}
        hint={t('create.campaignHint')}
        value={campaign}
        onChange={(event) => setCampaign(event.target.value)}
        errors={problem.fields.campaign}
      >
        <option value="">{t('create.campaignAll')}</option>
        {campaigns.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.title}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? t('create.submitting') : t('create.submit')}
      </button>
    </form>
  )
}
