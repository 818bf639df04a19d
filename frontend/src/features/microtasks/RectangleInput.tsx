// Draws a rectangle on the task's image: drag with a mouse, a pen or a finger (pointer events, so
// a touch draws instead of scrolling), or use the keyboard (arrows move the box, Shift and arrows
// resize it, Delete removes it). The box is kept as fractions 0..1 of the image, as the API wants
// it, and said in words below the image.
import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Rect } from './answer'
import { RectBox } from './AnswerView'
import { useRectText } from './wording'

const clamp = (value: number, min = 0, max = 1) => Math.min(Math.max(value, min), max)
/** A drag shorter than this (a click, a tap) draws nothing. */
const MIN_SIZE = 0.01
/** One arrow key press: 2 % of the image. */
const STEP = 0.02
const START: Rect = { x: 0.25, y: 0.25, width: 0.5, height: 0.5 }

function between(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) }
}

/** The box moved (or, with `resize`, grown) by an arrow key, kept inside the image. */
function nudge(rect: Rect, key: string, resize: boolean): Rect {
  const dx = key === 'ArrowLeft' ? -STEP : key === 'ArrowRight' ? STEP : 0
  const dy = key === 'ArrowUp' ? -STEP : key === 'ArrowDown' ? STEP : 0
  if (resize) {
    return {
      ...rect,
      width: clamp(rect.width + dx, STEP, 1 - rect.x),
      height: clamp(rect.height + dy, STEP, 1 - rect.y),
    }
  }
  return { ...rect, x: clamp(rect.x + dx, 0, 1 - rect.width), y: clamp(rect.y + dy, 0, 1 - rect.height) }
}

interface Props {
  imageUrl: string
  /** The question: the drawing area is named after it. */
  question: string
  value: Rect | null
  onChange: (rect: Rect | null) => void
  /** The id of the question's error message, if there is one. */
  errorId?: string
  disabled?: boolean
}

export function RectangleInput({ imageUrl, question, value, onChange, errorId, disabled }: Props) {
  const { t } = useTranslation('microtasks')
  const rectText = useRectText()
  const frame = useRef<HTMLDivElement>(null)
  const start = useRef<{ x: number; y: number } | null>(null)
  const [drawing, setDrawing] = useState<Rect | null>(null)
  const shown = drawing ?? value
  const id = useId()
  const ids = { hint: `${id}-hint`, readout: `${id}-readout` }

  /** Where the pointer is, as fractions of the image; `null` before the image has a size. */
  function pointOf(event: PointerEvent): { x: number; y: number } | null {
    const box = frame.current?.getBoundingClientRect()
    if (!box || box.width === 0 || box.height === 0) return null
    return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) }
  }

  function down(event: PointerEvent<HTMLDivElement>) {
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return
    const point = pointOf(event)
    if (point === null) return
    event.preventDefault()
    frame.current?.focus()
    start.current = point
    try {
      event.currentTarget.setPointerCapture(event.pointerId)
    } catch {
      // Not every environment captures pointers; the drag still works while over the image.
    }
  }

  function move(event: PointerEvent<HTMLDivElement>) {
    const from = start.current
    const point = from && pointOf(event)
    if (from && point) setDrawing(between(from, point))
  }

  function up(event: PointerEvent<HTMLDivElement>) {
    const from = start.current
    const point = from && pointOf(event)
    start.current = null
    setDrawing(null)
    if (!from || !point) return
    const rect = between(from, point)
    if (rect.width >= MIN_SIZE && rect.height >= MIN_SIZE) onChange(rect)
  }

  function cancel() {
    start.current = null
    setDrawing(null)
  }

  function key(event: KeyboardEvent<HTMLDivElement>) {
    if (disabled) return
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      onChange(null)
      return
    }
    if (!event.key.startsWith('Arrow')) return
    event.preventDefault()
    onChange(value === null ? START : nudge(value, event.key, event.shiftKey))
  }

  return (
    <div className="rect-input stack-sm">
      <p id={ids.hint} className="hint">
        {t('rect.hint')}
      </p>
      <div
        ref={frame}
        className={disabled ? 'rect-frame drawable disabled' : 'rect-frame drawable'}
        role="group"
        tabIndex={disabled ? -1 : 0}
        aria-label={t('rect.frame', { question })}
        aria-describedby={[ids.readout, ids.hint, errorId].filter(Boolean).join(' ')}
        aria-invalid={errorId ? true : undefined}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={cancel}
        onKeyDown={key}
      >
        <img src={imageUrl} alt={t('task.imageAlt')} draggable={false} />
        {shown && <RectBox rect={shown} />}
      </div>
      <p id={ids.readout} className="rect-readout">
        {shown ? rectText(shown) : t('rect.none')}
      </p>
      <button type="button" disabled={disabled || value === null} onClick={() => onChange(null)}>
        {t('rect.clear')}
      </button>
    </div>
  )
}
