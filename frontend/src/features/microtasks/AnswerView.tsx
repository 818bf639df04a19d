// An answer as a person reads it: the labels of the options picked, the text, the number, or the
// rectangle drawn on the task's image (with its position in words as well).
import { useTranslation } from 'react-i18next'
import { isRect, type Rect } from './answer'
import type { AnswerForm } from './queries'
import { useAnswerText } from './wording'

/** The box placed on the image, in fractions of it. */
export function RectBox({ rect, className = 'rect-box' }: { rect: Rect; className?: string }) {
  return (
    <div
      className={className}
      aria-hidden="true"
      style={{ left: `${rect.x * 100}%`, top: `${rect.y * 100}%`, width: `${rect.width * 100}%`, height: `${rect.height * 100}%` }}
    />
  )
}

interface AnswerViewProps {
  form: AnswerForm
  answer: unknown
  /** The task's image, on which a rectangle is drawn. */
  imageUrl?: string | null
}

export function AnswerView({ form, answer, imageUrl }: AnswerViewProps) {
  const { t } = useTranslation('microtasks')
  const text = useAnswerText()(form, answer)
  if (form.kind === 'rectangle' && isRect(answer) && imageUrl) {
    return (
      <figure className="rect-figure">
        <div className="rect-frame">
          <img src={imageUrl} alt={t('task.imageAlt')} />
          <RectBox rect={answer} />
        </div>
        <figcaption>{text}</figcaption>
      </figure>
    )
  }
  return <span className="answer-text">{text}</span>
}
