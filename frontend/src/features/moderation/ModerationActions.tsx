// A moderator's decision on one contribution, with the reason its authors will read.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn, type CodeMessages } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import type { Schemas } from '../../api/types'
import { decisionsFor } from './decisions'
import { useModerate, type Decision } from './queries'

const REASON = fieldsIn(['reason'])

export function ModerationActions({ contribution }: { contribution: Schemas['ContributionResponse'] }) {
  const { t } = useTranslation('moderation')
  const moderate = useModerate(contribution.id)
  const [reason, setReason] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const messages: CodeMessages = ({ code }) => (code === 'conflict.changed_meanwhile' ? t('actions.changedMeanwhile') : undefined)
  const problem = useFormProblem(moderate.error, REASON, messages)
  useFocusFirstProblem(form, moderate.error)
  const decisions = decisionsFor(contribution.status)
  if (decisions.length === 0) return null

  const decide = (decision: Decision) =>
    moderate.mutate({ decision, reason: reason.trim() === '' ? null : reason.trim() })

  return (
    <form
      ref={form}
      className="stack-sm"
      aria-label={t('actions.label', { title: contribution.title })}
      onSubmit={(event) => event.preventDefault()}
    >
      <FormAlert problem={problem} />
      <TextAreaField
        label={t('actions.reason')}
        rows={2}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        errors={problem.fields.reason}
      />
      <div className="actions">
        {decisions.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'approve' || decision === 'restore' ? 'primary' : 'danger'}
            disabled={moderate.isPending}
            onClick={() => decide(decision)}
          >
            {t(`actions.${decision}`)}
          </button>
        ))}
      </div>
      {moderate.isSuccess && <p role="status">{t(`actions.done_${moderate.variables.decision}`)}</p>}
    </form>
  )
}
