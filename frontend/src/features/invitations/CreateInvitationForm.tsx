// Invites people: a link to share (optionally limited in uses) or a mail to one address, for one
// campaign of the organization or all its invite-only ones, optionally until a day. A link's
// answer, with its address, goes straight to `onLinkCreated` and is then dropped from the
// mutation, so the page alone holds it.
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { SelectField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn, type CodeMessages } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import type { Campaign } from '../campaigns/queries'
import { useCreateInvitation, type CreateInvitationRequest, type Invitation } from './queries'

const FIELDS = fieldsIn(['campaign_id', 'email', 'max_uses', 'expires_at'])
const MAX_USES = 100_000

type Mode = 'link' | 'email'

/** The end of a calendar day (`2030-06-10`) in the user's time zone, as the API takes instants. */
function endOfDay(day: string): string {
  // Without a zone, a date-time is read as local time.
  return new Date(`${day}T23:59:59.999`).toISOString()
}

/** Today in the user's time zone, as a date input's value. */
function today(): string {
  const now = new Date()
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

function useInvitationProblemMessages(): CodeMessages {
  const { t } = useTranslation('invitations')
  return ({ code, field }) => {
    switch (field) {
      case 'expires_at':
        return code === 'field.range' ? t('problem.expiresPast') : undefined
      case 'max_uses':
        return code === 'field.range' ? t('problem.maxUsesRange') : undefined
      case 'campaign_id':
        return code === 'invitation.campaign_unknown' ? t('problem.campaignUnknown') : undefined
      case 'email':
        return code === 'field.format' || code === 'field.length' ? t('problem.emailFormat') : undefined
      default:
        return undefined
    }
  }
}

interface Props {
  organizationSlug: string
  /** The organization's campaigns, to invite to one of them. */
  campaigns: readonly Campaign[]
  onLinkCreated: (created: Invitation & { url: string }) => void
}

export function CreateInvitationForm({ organizationSlug, campaigns, onLinkCreated }: Props) {
  const { t } = useTranslation('invitations')
  const create = useCreateInvitation(organizationSlug)
  const [mode, setMode] = useState<Mode>('link')
  const [email, setEmail] = useState('')
  const [campaign, setCampaign] = useState('')
  const [maxUses, setMaxUses] = useState('')
  const [expires, setExpires] = useState('')
  const [maxUsesInvalid, setMaxUsesInvalid] = useState(false)
  const [mailed, setMailed] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFormProblem(create.error, FIELDS, useInvitationProblemMessages())
  useFocusFirstProblem(form, create.error)

  const maxUsesErrors = maxUsesInvalid ? [t('problem.maxUsesRange')] : problem.fields.max_uses

  function reset() {
    setEmail('')
    setCampaign('')
    setMaxUses('')
    setExpires('')
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setMailed(null)
    const uses = maxUses.trim() === '' ? null : Number(maxUses)
    if (mode === 'link' && uses !== null && !(Number.isInteger(uses) && uses >= 1 && uses <= MAX_USES)) {
      flushSync(() => setMaxUsesInvalid(true))
      form.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus()
      return
    }
    setMaxUsesInvalid(false)
    const body: CreateInvitationRequest = {
      ...(campaign !== '' && { campaign_id: campaign }),
      ...(expires !== '' && { expires_at: endOfDay(expires) }),
      ...(mode === 'email' ? { email: email.trim() } : uses !== null && { max_uses: uses }),
    }
    create.mutate(body, {
      onSuccess: (created) => {
        reset()
        create.reset()
        if (created.url) onLinkCreated({ ...created, url: created.url })
        else setMailed(created.email ?? body.email ?? '')
      },
    })
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('create.heading')}</h2>
      <FormAlert problem={problem} />
      <fieldset className="stack-sm">
        <legend>{t('create.how')}</legend>
        {(['link', 'email'] as const).map((option) => (
          <div key={option} className="field checkbox">
            <input
              id={`${ids}-${option}`}
              type="radio"
              name={`${ids}-mode`}
              checked={mode === option}
              onChange={() => setMode(option)}
              aria-describedby={`${ids}-${option}-hint`}
            />
            <label htmlFor={`${ids}-${option}`}>{t(`create.${option}`)}</label>
            <p id={`${ids}-${option}-hint`} className="hint">
              {t(`create.${option}Hint`)}
            </p>
          </div>
        ))}
      </fieldset>
      {mode === 'email' && (
        <TextField
          label={t('create.emailAddress')}
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={problem.fields.email}
        />
      )}
      <SelectField
        label={t('create.campaign')}
        hint={t('create.campaignHint')}
        value={campaign}
        onChange={(event) => setCampaign(event.target.value)}
        errors={problem.fields.campaign_id}
      >
        <option value="">{t('create.campaignAll')}</option>
        {campaigns.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.rules.eligibility === 'invite_only' ? choice.title : t('create.campaignOpen', { title: choice.title })}
          </option>
        ))}
      </SelectField>
      {mode === 'link' && (
        <TextField
          label={t('create.maxUses')}
          hint={t('create.maxUsesHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_USES}
          step={1}
          value={maxUses}
          onChange={(event) => {
            setMaxUses(event.target.value)
            setMaxUsesInvalid(false)
          }}
          errors={maxUsesErrors}
        />
      )}
      <TextField
        label={t('create.expires')}
        hint={t('create.expiresHint')}
        type="date"
        min={today()}
        value={expires}
        onChange={(event) => setExpires(event.target.value)}
        errors={problem.fields.expires_at}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? t('create.submitting') : mode === 'link' ? t('create.submitLink') : t('create.submitEmail')}
      </button>
      <p role="status" className="status-line">
        {mailed !== null ? t('create.mailed', { email: mailed }) : ''}
      </p>
    </form>
  )
}
