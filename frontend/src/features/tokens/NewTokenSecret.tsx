// A new token's secret, shown this once: the warning, the secret (selectable, and copied with one
// press) and a way to dismiss it. It takes focus when it appears, so the warning is read first.
import { useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreatedToken } from './queries'

type CopyState = 'idle' | 'copied' | 'failed'

export function NewTokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const { t } = useTranslation('tokens')
  const [copy, setCopy] = useState<CopyState>('idle')
  const heading = useRef<HTMLHeadingElement>(null)
  const ids = useId()

  useLayoutEffect(() => heading.current?.focus(), [])

  async function copyToClipboard() {
    try {
      // Missing outside secure contexts (plain http), and the browser may refuse.
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(token.token)
      setCopy('copied')
    } catch {
      setCopy('failed')
    }
  }

  return (
    <section aria-labelledby={`${ids}-heading`} className="notice stack-sm new-token">
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {t('secret.heading', { name: token.name })}
      </h2>
      <p id={`${ids}-warning`}>
        <strong>{t('secret.warning')}</strong>
      </p>
      <div className="field">
        <label htmlFor={`${ids}-secret`}>{t('secret.label')}</label>
        <input
          id={`${ids}-secret`}
          className="secret"
          readOnly
          value={token.token}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${ids}-warning`}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void copyToClipboard()}>
          {t('secret.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('secret.done')}
        </button>
      </div>
      {copy === 'copied' && <p role="status">{t('secret.copied')}</p>}
      {copy === 'failed' && <p role="alert">{t('secret.copyFailed')}</p>}
    </section>
  )
}
