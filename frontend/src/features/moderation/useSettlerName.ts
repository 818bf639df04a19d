import { useTranslation } from 'react-i18next'
import { useMe } from '../auth/useMe'
import { useMembers } from '../organizations/queries'

/** Who settled it: "you", a staff member's name, or nobody named (someone who left the staff). */
export function useSettlerName(organization: string): (userId: string | null) => string | null {
  const { t } = useTranslation('moderation')
  const me = useMe()
  const members = useMembers(organization)
  return (userId) => {
    if (userId === null) return null
    if (userId === me.data?.id) return t('resolved.you')
    return members.data?.items.find((member) => member.user_id === userId)?.display_name ?? null
  }
}
