// Every view of a published campaign page counts its visitor; an invitation link
// (`/c/{slug}?via={code}`) also remembers its code for a later sign-up and, once the visit is
// recorded, leaves the plain campaign address in the location bar, so that a reload or a link
// copied from there does not credit the invitation again.
import { useEffect, useRef } from 'react'
import { useSearchParams } from 'react-router'
import { rememberVia } from '../../api/visitor'
import type { Campaign } from '../campaigns/queries'
import { recordVisit } from './queries'

/** @param campaign the campaign once loaded; drafts are previews, not audience. */
export function useCampaignVisit(slug: string, campaign: Campaign | undefined): void {
  const [params, setParams] = useSearchParams()
  const via = params.get('via')
  // The page view already counted: dropping `via` from the address must not count it again.
  const counted = useRef<string | null>(null)

  useEffect(() => {
    if (via !== null) rememberVia(via)
  }, [via])

  const audience = campaign !== undefined && campaign.phase !== 'draft'
  useEffect(() => {
    if (!audience || counted.current === slug) return
    counted.current = slug
    recordVisit(slug, via)
    if (via !== null) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current)
          next.delete('via')
          return next
        },
        { replace: true, preventScrollReset: true },
      )
    }
  }, [audience, slug, via, setParams])
}
