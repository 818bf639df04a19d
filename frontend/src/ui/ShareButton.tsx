// The system's share sheet for a link (phones mostly), shown only where the browser has the Web
// Share API; elsewhere the copy button next to it is the way.
import { useTranslation } from 'react-i18next'

interface ShareButtonProps {
  url: string
  title: string
  text?: string
  /** The button's text ("Share"). */
  label?: string
  /** Said to screen readers after the button's text where a page has several ("for Newsletter"). */
  context?: string
}

export function ShareButton({ url, title, text, label, context }: ShareButtonProps) {
  const { t } = useTranslation()
  if (typeof navigator.share !== 'function') return null

  async function share() {
    try {
      await navigator.share({ title, text, url })
    } catch {
      // Closing the share sheet rejects too; the link is still there to copy.
    }
  }

  return (
    <button type="button" onClick={() => void share()}>
      {label ?? t('share.button')}
      {context && (
        <>
          {' '}
          <span className="visually-hidden">{context}</span>
        </>
      )}
    </button>
  )
}
