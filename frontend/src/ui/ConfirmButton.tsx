// A button for actions that cannot be undone lightly (publish, cancel, delete, withdraw): the first
// press asks, the second confirms. Inline rather than a modal, so it works the same everywhere,
// and focus moves to the question's answer so keyboard users land where they need to be.
import { useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface ConfirmButtonProps {
  /** The action, as a verb for the button ("Publish"). */
  label: string
  /** The same action in lower case for "Yes, publish". */
  action: string
  /** What will happen, shown with the question. */
  question?: string
  /** Said to screen readers after the label where a page has several alike ("Remove" for "Bea"). */
  labelContext?: string
  busy?: boolean
  danger?: boolean
  onConfirm: () => void
}

export function ConfirmButton({ label, action, question, labelContext, busy, danger, onConfirm }: ConfirmButtonProps) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const yes = useRef<HTMLButtonElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)

  useLayoutEffect(() => {
    if (asking) yes.current?.focus()
    else if (wasAsking.current) opener.current?.focus()
    wasAsking.current = asking
  }, [asking])

  if (!asking) {
    return (
      <button ref={opener} type="button" className={danger ? 'danger' : undefined} onClick={() => setAsking(true)} disabled={busy}>
        {label}
        {labelContext && (
          <>
            {' '}
            <span className="visually-hidden">{labelContext}</span>
          </>
        )}
      </button>
    )
  }
  return (
    <span role="group" aria-label={labelContext ? `${label} ${labelContext}` : label} className="confirm">
      <span>{question ?? t('confirm.question')}</span>{' '}
      <button
        ref={yes}
        type="button"
        className={danger ? 'danger' : 'primary'}
        disabled={busy}
        onClick={() => {
          setAsking(false)
          onConfirm()
        }}
      >
        {t('confirm.yes', { action })}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {t('confirm.no')}
      </button>
    </span>
  )
}
