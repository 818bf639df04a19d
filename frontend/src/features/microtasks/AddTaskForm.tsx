// Adds one task: what it shows (a text, an image uploaded at once with its progress, a link),
// its instructions, how many answers it wants, the points per approved answer, its priority, and
// optionally the known answer that makes it a gold task (given with the same inputs workers use).
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { CheckboxField, TextAreaField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { MediaPicker } from '../media/MediaPicker'
import { isUploading, mediaIds, type MediaItem } from '../media/mediaItems'
import { answerOf, EMPTY_DRAFT } from './answer'
import { AnswerInput } from './AnswerInput'
import { useDraftProblemText, useTaskFormProblem } from './problems'
import { useCreateTask, type CreateTaskRequest, type TaskSettings } from './queries'

const FIELDS = ['payload', 'payload.text', 'payload.image', 'payload.link', 'instructions', 'redundancy', 'reward_points', 'priority', 'gold_answer']

/** A whole number as typed, or `null`. */
function wholeNumber(text: string): number | null {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : null
}

export function AddTaskForm({ campaignId, settings }: { campaignId: string; settings: TaskSettings }) {
  const { t } = useTranslation('microtasks')
  const form = settings.answer_form
  const create = useCreateTask(campaignId)
  const [text, setText] = useState('')
  const [images, setImages] = useState<MediaItem[]>([])
  const [link, setLink] = useState('')
  const [instructions, setInstructions] = useState('')
  const [redundancy, setRedundancy] = useState('3')
  const [points, setPoints] = useState('10')
  const [priority, setPriority] = useState('0')
  const [gold, setGold] = useState(false)
  const [goldDraft, setGoldDraft] = useState(EMPTY_DRAFT)
  const [local, setLocal] = useState<Record<string, string[]>>({})
  const [message, setMessage] = useState('')
  const formRef = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useTaskFormProblem(create.error, fieldsIn(FIELDS), form.kind)
  const draftProblemText = useDraftProblemText()
  useFocusFirstProblem(formRef, create.error)
  const errorsFor = (path: string) => local[path] ?? problem.fields[path]
  const uploading = isUploading(images)
  const image = images[0]
  const imageUrl = image?.preview || image?.media?.url || null

  function edited() {
    create.reset()
    setMessage('')
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (uploading) return
    const invalid: Record<string, string[]> = {}
    const numbers = { redundancy: wholeNumber(redundancy), reward_points: wholeNumber(points), priority: wholeNumber(priority) }
    for (const [path, value] of Object.entries(numbers)) if (value === null) invalid[path] = [t('problem.wholeNumber')]
    const checked = gold ? answerOf(form, goldDraft) : null
    if (checked && 'problem' in checked) invalid.gold_answer = [draftProblemText(checked.problem)]
    if (Object.keys(invalid).length > 0) {
      create.reset()
      flushSync(() => setLocal(invalid))
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setLocal({})
    const body: CreateTaskRequest = {
      payload: { text: text.trim() || null, image: mediaIds(images)[0] ?? null, link: link.trim() || null },
      instructions: instructions.trim(),
      redundancy: numbers.redundancy ?? 3,
      reward_points: numbers.reward_points ?? 10,
      priority: numbers.priority ?? 0,
      ...(checked && 'answer' in checked ? { gold_answer: checked.answer } : {}),
    }
    create.mutate(body, {
      onSuccess: () => {
        // The next task usually shares the instructions and numbers: only what it shows is cleared.
        setText('')
        setImages([])
        setLink('')
        setGold(false)
        setGoldDraft(EMPTY_DRAFT)
        setMessage(t('tasks.added'))
      },
    })
  }

  const payloadErrors = problem.fields.payload
  return (
    <form ref={formRef} onSubmit={submit} className="stack-sm add-task" noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('tasks.addHeading')}</h2>
      <p className="hint">{t('tasks.addIntro')}</p>
      <FormAlert problem={problem} />
      <fieldset className="stack-sm" aria-describedby={payloadErrors ? `${ids}-payload-error` : undefined}>
        <legend>{t('task.heading')}</legend>
        {payloadErrors && (
          <p id={`${ids}-payload-error`} className="field-error">
            {payloadErrors.join(' ')}
          </p>
        )}
        <TextAreaField
          label={t('tasks.text')}
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(event) => {
            edited()
            setText(event.target.value)
          }}
          errors={errorsFor('payload.text')}
        />
        <MediaPicker
          label={t('tasks.image')}
          items={images}
          onChange={(change) => {
            edited()
            setImages(change)
          }}
          max={1}
          alt={t('task.imageAlt')}
          errors={errorsFor('payload.image')}
        />
        <TextField
          label={t('tasks.link')}
          hint={t('tasks.linkHint')}
          type="url"
          maxLength={2000}
          autoComplete="off"
          value={link}
          onChange={(event) => {
            edited()
            setLink(event.target.value)
          }}
          errors={errorsFor('payload.link')}
        />
      </fieldset>
      <TextAreaField
        label={t('tasks.instructions')}
        hint={t('tasks.instructionsHint')}
        rows={3}
        maxLength={10000}
        value={instructions}
        onChange={(event) => {
          edited()
          setInstructions(event.target.value)
        }}
        errors={errorsFor('instructions')}
      />
      <div className="row">
        <TextField
          label={t('tasks.redundancy')}
          hint={t('tasks.redundancyHint')}
          type="number"
          min={1}
          max={100}
          value={redundancy}
          onChange={(event) => {
            edited()
            setRedundancy(event.target.value)
          }}
          errors={errorsFor('redundancy')}
        />
        <TextField
          label={t('tasks.rewardPoints')}
          hint={t('tasks.rewardPointsHint')}
          type="number"
          min={0}
          max={10000}
          value={points}
          onChange={(event) => {
            edited()
            setPoints(event.target.value)
          }}
          errors={errorsFor('reward_points')}
        />
        <TextField
          label={t('tasks.priority')}
          hint={t('tasks.priorityHint')}
          type="number"
          min={-1000}
          max={1000}
          value={priority}
          onChange={(event) => {
            edited()
            setPriority(event.target.value)
          }}
          errors={errorsFor('priority')}
        />
      </div>
      <CheckboxField
        label={t('tasks.gold')}
        hint={t('task.goldHint')}
        checked={gold}
        onChange={(event) => {
          edited()
          setGold(event.target.checked)
        }}
      />
      {gold && (
        <AnswerInput
          form={form}
          draft={goldDraft}
          onChange={(draft) => {
            edited()
            setGoldDraft(draft)
          }}
          imageUrl={imageUrl}
          label={t('tasks.goldAnswer')}
          errors={errorsFor('gold_answer')}
        />
      )}
      <button type="submit" className="primary" disabled={create.isPending || uploading}>
        {create.isPending ? t('tasks.adding') : t('tasks.add')}
      </button>
      {uploading && <p className="hint">{t('tasks.waitUpload')}</p>}
      <p role="status" className="status-line">
        {message}
      </p>
    </form>
  )
}
