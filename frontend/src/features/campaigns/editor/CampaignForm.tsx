// The step-by-step campaign form: basics, schedule, rules, prizes, points. It is one <form>: any
// step can save, and after a 422 the form opens the first step with an invalid field, marks the
// steps that have errors, and focuses the field.
import { useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../api/errors'
import { FormAlert } from '../../../forms/FormAlert'
import { useFocusFirstProblem } from '../../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../../forms/useFormProblem'
import { registerLazyStrings } from '../../../i18n'
import { isUploading } from '../../media/mediaItems'
import { BasicsStep } from './BasicsStep'
import type { CampaignDraft } from './draft'
import { PointsStep } from './PointsStep'
import { PrizesStep } from './PrizesStep'
import { scheduleIssues } from './scheduleCheck'
import { RulesStep } from './RulesStep'
import { ScheduleStep } from './ScheduleStep'
import { STEPS, stepOfField, type Step } from './steps'
import type { StepProps } from './StepProps'
import * as strings from './strings'

// The editor's strings arrive with it (see registerLazyStrings): only organisers open it.
registerLazyStrings('campaignEditor', strings)

const STEP_COMPONENTS: Record<Step, (props: StepProps) => React.ReactNode> = {
  basics: BasicsStep,
  schedule: ScheduleStep,
  rules: RulesStep,
  prizes: PrizesStep,
  points: PointsStep,
}

interface Props {
  initial: CampaignDraft
  /** Editing an existing campaign (kind and address fixed). */
  editing: boolean
  /** Only the texts may change (submissions have opened). */
  textsOnly: boolean
  saving: boolean
  error: unknown
  onSave: (draft: CampaignDraft) => void
}

/** The earliest step (in the form's order, not the API's alphabetical one) with an invalid field. */
function firstErrorStep(error: unknown): Step | null {
  if (!(error instanceof ApiError)) return null
  const withErrors = new Set(error.fieldErrors.map(({ field }) => stepOfField(field)))
  return STEPS.find((step) => withErrors.has(step)) ?? null
}

export function CampaignForm({ initial, editing, textsOnly, saving, error, onSave }: Props) {
  const { t } = useTranslation('campaignEditor')
  const { t: tCommon } = useTranslation()
  const [draft, setDraft] = useState(initial)
  const steps: readonly Step[] = textsOnly ? ['basics'] : STEPS
  const [step, setStep] = useState<Step>('basics')
  const form = useRef<HTMLFormElement>(null)
  const legend = useRef<HTMLLegendElement>(null)
  const serverProblem = useFormProblem(error, (path) => stepOfField(path) !== null)
  // The schedule's mistakes found before sending (a new object per failed submit, to refocus).
  const [scheduleProblem, setScheduleProblem] = useState<Record<string, string[]> | null>(null)
  const problem = scheduleProblem ? { fields: scheduleProblem, general: [tCommon('form.fixFields')] } : serverProblem

  // A new error opens the step of its first invalid field (adjusting state while rendering, so
  // the focus effect below already sees that step's inputs).
  const [seenError, setSeenError] = useState(error)
  if (error !== seenError) {
    setSeenError(error)
    const errorStep = firstErrorStep(error)
    if (errorStep && steps.includes(errorStep)) setStep(errorStep)
  }
  useFocusFirstProblem(form, scheduleProblem ?? error)

  const stepsWithErrors = new Set(Object.keys(problem.fields).map(stepOfField))
  const index = steps.indexOf(step)
  const StepFields = STEP_COMPONENTS[step]

  function go(target: Step) {
    // Show the new step, then move focus to its heading so keyboard users continue there (and hear
    // its name). Both happen in this event, not a frame later: a later focus could land while the
    // user, or a test, is already typing in the new step, and take the rest of the typing away.
    flushSync(() => setStep(target))
    legend.current?.focus()
  }
  function next() {
    // Check this step's inputs before moving on, like a submit would.
    if (form.current?.reportValidity() === false) return
    go(steps[index + 1])
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    const issues = Object.entries(textsOnly ? {} : scheduleIssues(draft.schedule))
    if (issues.length > 0) {
      setScheduleProblem(Object.fromEntries(issues.map(([field, issue]) => [field, [t(`schedule.issue_${issue}`)]])))
      setStep('schedule')
      return
    }
    setScheduleProblem(null)
    onSave(draft)
  }

  return (
    <form ref={form} onSubmit={submit} className="stack wizard">
      {steps.length > 1 && (
        <nav aria-label={t('steps.label')}>
          <ol className="steps">
            {steps.map((candidate, position) => (
              <li key={candidate}>
                <button
                  type="button"
                  aria-current={candidate === step ? 'step' : undefined}
                  className={stepsWithErrors.has(candidate) ? 'step invalid' : 'step'}
                  onClick={() => go(candidate)}
                >
                  {position + 1}. {t(`steps.${candidate}`)}
                  {stepsWithErrors.has(candidate) && <span className="visually-hidden"> {t('steps.hasErrors')}</span>}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <FormAlert problem={problem} />
      <fieldset>
        <legend ref={legend} tabIndex={-1}>
          {t('steps.progress', { current: index + 1, total: steps.length, name: t(`steps.${step}`) })}
        </legend>
        <StepFields draft={draft} update={setDraft} fieldErrors={problem.fields} editing={editing} />
      </fieldset>
      <div className="actions">
        {index > 0 && (
          <button type="button" onClick={() => go(steps[index - 1])}>
            {t('back')}
          </button>
        )}
        {index < steps.length - 1 && (
          <button type="button" onClick={next}>
            {t('next')}
          </button>
        )}
        <button type="submit" className="primary" disabled={saving || isUploading(draft.cover)}>
          {saving ? t('saving') : editing ? t('save') : t('saveDraft')}
        </button>
      </div>
    </form>
  )
}
