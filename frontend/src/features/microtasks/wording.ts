// Words the micro-tasking pages share: an answer as a line of text, a rectangle in words, a task
// as a short line, a worker's accuracy, a lease's time left.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { isRect, labelOf, type Rect } from './answer'
import type { AnswerForm, Task, WorkerStanding } from './queries'

/** A rectangle in words: "Box: 10 % from the left, 20 % from the top, 50 % wide, 40 % tall." */
export function useRectText(): (rect: Rect) => string {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  return (rect) =>
    t('rect.box', { x: format.percent(rect.x), y: format.percent(rect.y), width: format.percent(rect.width), height: format.percent(rect.height) })
}

/** An answer of any kind as one line of text. */
export function useAnswerText(): (form: AnswerForm, answer: unknown) => string {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const rectText = useRectText()
  return (form, answer) => {
    if (answer === undefined || answer === null) return t('answer.none')
    switch (form.kind) {
      case 'single_choice':
        return labelOf(form.options, answer)
      case 'multiple_choice':
        return Array.isArray(answer) ? answer.map((value) => labelOf(form.options, value)).join(', ') : String(answer)
      case 'number':
        return typeof answer === 'number' ? format.decimal(answer, 6) : String(answer)
      case 'rectangle':
        return isRect(answer) ? rectText(answer) : t('answer.none')
      case 'text':
        return String(answer)
    }
  }
}

/** The host of an http(s) link, or `null` for anything else (never rendered as a link). */
export function linkHost(link: string): string | null {
  try {
    const url = new URL(link)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.host : null
  } catch {
    return null
  }
}

/** A line about a task for lists: its text (shortened), else that it shows an image or a link. */
export function useTaskExcerpt(): (task: Task, length?: number) => string {
  const { t } = useTranslation('microtasks')
  return (task, length = 140) => {
    const text = task.payload.text?.trim()
    if (text) return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text
    if (task.payload.image) return t('task.imageOnly')
    if (task.payload.link) return t('task.linkOnly', { link: task.payload.link })
    return t('task.empty')
  }
}

/** "92 % of 12", or a dash before the first gold answer. */
export function useAccuracyText(): (worker: Pick<WorkerStanding, 'gold_accuracy_percent' | 'gold_answered'>) => string {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  return (worker) =>
    worker.gold_accuracy_percent === null || worker.gold_accuracy_percent === undefined
      ? t('workers.accuracyNone')
      : t('workers.accuracyValue', { percent: format.percent(worker.gold_accuracy_percent / 100), count: worker.gold_answered })
}

/** A lease's time left: 14:05, or 1:02:05 from an hour on. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}
