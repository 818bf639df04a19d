// `/me/tokens`: the signed-in user's personal access tokens for integrations. A new token's
// secret lives only in this page's state: it is shown once and gone when the page is left.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { PageTitle } from '../../ui/PageTitle'
import { CreateTokenForm } from './CreateTokenForm'
import { NewTokenSecret } from './NewTokenSecret'
import type { CreatedToken } from './queries'
import * as strings from './strings'
import { TokenTable } from './TokenTable'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('tokens', strings)

export function TokensPage() {
  const { t } = useTranslation('tokens')
  const [created, setCreated] = useState<CreatedToken | null>(null)
  return (
    <div className="stack">
      <PageTitle>{t('pageTitle')}</PageTitle>
      <p>
        <Link to="/me">← {t('backToProfile')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      <p className="narrow">{t('intro')}</p>
      {created && <NewTokenSecret token={created} onDone={() => setCreated(null)} />}
      <section aria-labelledby="tokens-heading" className="stack-sm">
        <h2 id="tokens-heading">{t('list.heading')}</h2>
        <TokenTable />
      </section>
      <div className="narrow">
        <CreateTokenForm onCreated={setCreated} />
      </div>
    </div>
  )
}
