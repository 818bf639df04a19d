// A new invitation link, shown this once (the server keeps only a digest of it): the warning, the
// link with a copy button, the system's share sheet where the browser has one (phones mostly),
// and a way to dismiss it. The page moves focus to the heading when it appears, so the warning is
// read first.
import { useId, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyField } from '../../ui/CopyField'
import { ShareButton } from '../../ui/ShareButton'

interface Props {
  url: string
  organizationName: string
  headingRef: Ref<HTMLHeadingElement>
  onDone: () => void
}

export function NewInvitationLink({ url, organizationName, headingRef, onDone }: Props) {
  const { t } = useTranslation('invitations')
  const id = useId()
  return (
    <section aria-labelledby={id} className="notice stack-sm new-invitation">
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {t('link.heading')}
      </h2>
      <p>
        <strong>{t('link.warning')}</strong>
      </p>
      <CopyField label={t('link.label')} value={url} copyLabel={t('link.copy')} />
      <div className="button-row">
        <ShareButton
          url={url}
          label={t('link.share')}
          title={t('link.shareTitle', { name: organizationName })}
          text={t('link.shareText', { name: organizationName })}
        />
        <button type="button" onClick={onDone}>
          {t('link.done')}
        </button>
      </div>
    </section>
  )
}
