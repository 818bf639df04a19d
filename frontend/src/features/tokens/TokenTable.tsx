// The user's tokens (never their secrets: only the first characters, to tell them apart), with
// what each may do, when it was last used and when it expires, and revoking after a confirmation.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useNow } from '../../ui/useNow'
import { useRevokeToken, useTokens, type Token } from './queries'
import { TableScroll } from '../../ui/TableScroll'

// Expiry is shown by the day; a minute's lag in marking a token expired is fine.
const EXPIRY_TICK_MS = 60_000

function Expiry({ token, now }: { token: Token; now: number }) {
  const { t } = useTranslation('tokens')
  const format = useFormat()
  if (!token.expires_at) return <>{t('list.neverExpires')}</>
  // For display only: the API decides whether a presented token still works.
  if (Date.parse(token.expires_at) <= now) {
    return <span className="badge token-expired">{t('list.expired', { date: format.date(token.expires_at) })}</span>
  }
  return <>{format.date(token.expires_at)}</>
}

export function TokenTable() {
  const { t } = useTranslation('tokens')
  const format = useFormat()
  const tokens = useTokens()
  const revoke = useRevokeToken()
  const [revoked, setRevoked] = useState<string | null>(null)
  const now = useNow(EXPIRY_TICK_MS)

  return (
    <QueryBoundary query={tokens}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items)
        return (
          <>
            {revoked !== null && <p role="status">{t('list.revoked', { name: revoked })}</p>}
            {revoke.isError && <ErrorAlert error={revoke.error} />}
            {items.length === 0 ? (
              <EmptyState>
                <p>{t('list.empty')}</p>
              </EmptyState>
            ) : (
              <TableScroll label={t('list.heading')}>
                <table className="token-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('list.name')}</th>
                      <th scope="col">{t('list.prefix')}</th>
                      <th scope="col">{t('list.scopes')}</th>
                      <th scope="col">{t('list.created')}</th>
                      <th scope="col">{t('list.lastUsed')}</th>
                      <th scope="col">{t('list.expires')}</th>
                      <th scope="col">{t('list.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((token) => (
                      <tr key={token.id}>
                        <th scope="row">{token.name}</th>
                        <td>
                          <code>{t('list.prefixValue', { prefix: token.token_prefix })}</code>
                        </td>
                        <td>
                          <ul className="tags">
                            {token.scopes.map((scope) => (
                              <li key={scope}>
                                <code>{scope}</code>
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>{format.date(token.created_at)}</td>
                        <td>{token.last_used_at ? format.dateTime(token.last_used_at) : t('list.neverUsed')}</td>
                        <td>
                          <Expiry token={token} now={now} />
                        </td>
                        <td>
                          <ConfirmButton
                            label={t('list.revoke')}
                            action={t('list.revokeAction', { name: token.name })}
                            question={t('list.revokeQuestion', { name: token.name })}
                            danger
                            busy={revoke.isPending}
                            onConfirm={() => {
                              setRevoked(null)
                              revoke.mutate(token.id, { onSuccess: () => setRevoked(token.name) })
                            }}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {tokens.hasNextPage && (
              <LoadMore hasMore loading={tokens.isFetchingNextPage} onLoadMore={() => void tokens.fetchNextPage()} />
            )}
          </>
        )
      }}
    </QueryBoundary>
  )
}
