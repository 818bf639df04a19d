// The frame of a campaign's subpages (`/c/:slug/edit`, `/contribute`, `/channels`, `/analytics`,
// `/moderation`, `/vote-integrity`, `/funding`, `/work`, `/tasks`): the campaign is loaded (or why not is said), then the page's
// title, the way back to the campaign, the page's heading, and the page's own content for that
// campaign. One frame, like bulletproof-react's ContentLayout, so that every subpage loads, fails
// and leads back the same way.
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import { PageTitle } from '../../ui/PageTitle'
import { QueryBoundary } from '../../ui/QueryStates'
import { useCampaign, type Campaign } from './queries'

interface CampaignSubpageProps {
  /** The document title, e.g. "Analytics: Summer bottle · Schwarm". */
  title: (campaign: Campaign) => string
  /** The page's only first-level heading. */
  heading: (campaign: Campaign) => ReactNode
  /** The class of an element around the page (its width, its spacing); none puts it straight into <main>. */
  className?: string
  /** What follows the heading. */
  children: (campaign: Campaign) => ReactNode
}

/** For the routes under `/c/:slug/`: reads the campaign's slug from the address. */
export function CampaignSubpage({ title, heading, className, children }: CampaignSubpageProps) {
  const { slug = '' } = useParams()
  const campaign = useCampaign(slug)
  return (
    <QueryBoundary query={campaign}>
      {(data) => {
        const page = (
          <>
            <PageTitle>{title(data)}</PageTitle>
            <p>
              <Link to={`/c/${data.slug}`}>← {data.title}</Link>
            </p>
            <h1>{heading(data)}</h1>
            {children(data)}
          </>
        )
        return className ? <div className={className}>{page}</div> : page
      }}
    </QueryBoundary>
  )
}
