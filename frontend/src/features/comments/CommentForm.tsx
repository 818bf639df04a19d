// Writes a comment, or a reply to a top-level comment.
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useCreateComment, type Comment } from './queries'

interface Props {
  contributionId: string
  /** The top-level comment answered; none for a new thread. */
  replyTo?: Comment
  /** Closes a reply form (after posting or on cancel). */
  onDone?: () => void
}

export function CommentForm({ contributionId, replyTo, onDone }: Props) {
  const { t } = useTranslation('comments')
  const create = useCreateComment(contributionId)
  const [body, setBody] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(create.error, fieldsIn(['body']))
  useFocusFirstProblem(form, create.error)

  // A reply form opens on request: put the cursor in it.
  useLayoutEffect(() => {
    if (replyTo) form.current?.querySelector('textarea')?.focus()
  }, [replyTo])

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      { body, parent_id: replyTo?.id ?? null },
      {
        onSuccess: () => {
          setBody('')
          onDone?.()
        },
      },
    )
  }

  const name = replyTo?.author_display_name ?? ''
  return (
    <form ref={form} onSubmit={submit} className="stack-sm comment-form">
      <FormAlert problem={problem} />
      <TextAreaField
        label={replyTo ? t('form.replyLabel', { name }) : t('form.label')}
        hint={t('form.hint')}
        required
        maxLength={5000}
        rows={replyTo ? 2 : 3}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        errors={problem.fields.body}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || body.trim() === ''}>
          {create.isPending ? t('form.posting') : replyTo ? t('form.submitReply') : t('form.submit')}
        </button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('form.cancel')}
          </button>
        )}
      </div>
      {!replyTo && create.isSuccess && body === '' && <p role="status">{t('form.posted')}</p>}
    </form>
  )
}
