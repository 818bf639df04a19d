// A value to pass on (an invitation link): shown read-only, selected on focus, and copied with one
// press. Whether the copy worked is announced; where the clipboard is refused the text is still
// there to select by hand.
import { useId, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'

type CopyState = 'idle' | 'copied' | 'failed'

interface CopyFieldProps {
  label: string
  value: string
  /** The button's text ("Copy link"). */
  copyLabel: string
  /** Said to screen readers after the button's text where a page has several ("for Newsletter"). */
  copyContext?: string
  /** Keep the label for screen readers only (the surrounding card already names the value). */
  hideLabel?: boolean
  inputRef?: Ref<HTMLInputElement>
}

export function CopyField({ label, value, copyLabel, copyContext, hideLabel, inputRef }: CopyFieldProps) {
  const { t } = useTranslation()
  const id = useId()
  const [copy, setCopy] = useState<CopyState>('idle')

  async function copyToClipboard() {
    try {
      // Missing outside secure contexts (plain http), and the browser may refuse.
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(value)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <div className="copy-row">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={() => void copyToClipboard()}>
          {copyLabel}
          {copyContext && (
            <>
              {' '}
              <span className="visually-hidden">{copyContext}</span>
            </>
          )}
        </button>
      </div>
      {/* Always in the document, so the announcement is read when the text changes. */}
      <p role="status" className="hint">
        {copy === 'copied' ? t('copy.copied') : ''}
      </p>
      {copy === 'failed' && (
        <p role="alert" className="field-error">
          {t('copy.failed')}
        </p>
      )}
    </div>
  )
}
