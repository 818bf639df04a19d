// `/invitations/:token`, where invitation links and mails lead (public; the token is the
// credential): what the invitation is for and whether it still works. Signed out, it asks to sign
// in or register and comes back here after; signed in, "Accept invitation" gives the right to take
// part and goes on to the campaign (or the organization, for all its invite-only campaigns). An
// invitation that no longer works says why in words.
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { ApiError } from '../../api/errors'
import { registerLazyStrings } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { PageTitle } from '../../ui/PageTitle'
import { ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useSignedIn } from '../auth/useSession'
import { useAcceptInvitation, useInvitationPreview, type InvitationPreview, type InvitationStatus } from './queries'
import { StatusBadge } from './StatusBadge'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('invitations', strings)

type Unavailable = Exclude<InvitationStatus, 'active'>
const UNAVAILABLE: readonly Unavailable[] = ['expired', 'revoked', 'used_up']
const isUnavailable = (value: unknown): value is Unavailable => UNAVAILABLE.some((status) => status === value)

/** Why accepting was refused (410 `invitation.unavailable`): its reason, `'other'` without one, else `null`. */
function refusalOf(error: unknown): Unavailable | 'other' | null {
  if (!(error instanceof ApiError) || error.problem?.code !== 'invitation.unavailable') return null
  const reason = error.problem.params?.reason
  return isUnavailable(reason) ? reason : 'other'
}

function InvitationDetails({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation('invitations')
  const format = useFormat()
  const signedIn = useSignedIn()
  const { pathname } = useLocation()
  const navigate = useNavigate()
  const accept = useAcceptInvitation(token, (accepted) =>
    void navigate(accepted.campaign_slug ? `/c/${accepted.campaign_slug}` : `/o/${accepted.organization_slug}`, {
      replace: true,
    }),
  )
  const organization = preview.organization_name
  const refusal = refusalOf(accept.error)
  // Signing in or registering comes back here.
  const next = encodeURIComponent(pathname)

  function acceptInvitation() {
    accept.mutate()
  }

  const explain = (status: Unavailable | 'other') => t(status === 'other' ? 'accept.unavailable' : `accept.${status}`, { organization })

  return (
    <>
      <p className="lead">
        {preview.campaign_title
          ? t('accept.toCampaign', { organization, campaign: preview.campaign_title })
          : t('accept.toOrganization', { organization })}
      </p>
      <p>
        {t('list.status')}: <StatusBadge status={preview.status} />
      </p>
      {isUnavailable(preview.status) ? (
        <p className="notice">{explain(preview.status)}</p>
      ) : refusal ? (
        // Accepting was refused meanwhile (revoked, expired, the last place taken).
        <div role="alert" className="alert">
          <p>{explain(refusal)}</p>
        </div>
      ) : (
        <>
          {preview.expires_at && <p>{t('accept.validUntil', { date: format.dateTime(preview.expires_at) })}</p>}
          <p className="hint">{t('accept.what')}</p>
          {signedIn ? (
            <div>
              <button type="button" className="primary" disabled={accept.isPending} onClick={acceptInvitation}>
                {accept.isPending ? t('accept.accepting') : t('accept.accept')}
              </button>
            </div>
          ) : (
            <div className="notice stack-sm">
              <p>{t('accept.signInPrompt')}</p>
              <p className="button-row">
                <Link className="button primary" to={`/login?next=${next}`}>
                  {t('accept.signIn')}
                </Link>
                <Link className="button" to={`/register?next=${next}`}>
                  {t('accept.register')}
                </Link>
              </p>
            </div>
          )}
          {accept.isError && !refusal && <ErrorAlert error={accept.error} />}
        </>
      )}
      <p>
        <Link to={`/o/${preview.organization_slug}`}>{t('accept.toOrganizationPage', { organization })}</Link>
      </p>
    </>
  )
}

export function AcceptInvitationPage() {
  const { token = '' } = useParams()
  const { t } = useTranslation('invitations')
  const preview = useInvitationPreview(token)
  const unknown = preview.error instanceof ApiError && preview.error.status === 404
  return (
    <div className="narrow stack">
      <PageTitle>{t('accept.pageTitle')}</PageTitle>
      <h1>{t('accept.heading')}</h1>
      {unknown ? (
        <p className="notice">{t('accept.unknown')}</p>
      ) : (
        <QueryBoundary query={preview}>{(data) => <InvitationDetails token={token} preview={data} />}</QueryBoundary>
      )}
    </div>
  )
}
