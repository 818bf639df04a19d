// An endpoint's signing secret, shown this once (after creating the endpoint or rotating its
// secret): the warning, the secret with a copy button, and a way to dismiss it. The page moves
// focus to the heading when it appears, so the warning is read first.
import type { Ref } from 'react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyField } from '../../ui/CopyField'

export interface ShownSecret {
  url: string
  secret: string
  /** A rotation: the previous secret keeps signing for a day. */
  rotated: boolean
}

interface Props {
  shown: ShownSecret
  headingRef: Ref<HTMLHeadingElement>
  onDone: () => void
}

export function WebhookSecret({ shown, headingRef, onDone }: Props) {
  const { t } = useTranslation('webhooks')
  const id = useId()
  return (
    <section aria-labelledby={id} className="notice stack-sm webhook-secret">
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {shown.rotated ? t('secret.headingRotated', { url: shown.url }) : t('secret.headingCreated', { url: shown.url })}
      </h2>
      <p>
        <strong>{t('secret.warning')}</strong>
      </p>
      {shown.rotated && <p>{t('secret.rotated')}</p>}
      <CopyField label={t('secret.label')} value={shown.secret} copyLabel={t('secret.copy')} />
      <button type="button" onClick={onDone}>
        {t('secret.done')}
      </button>
    </section>
  )
}
