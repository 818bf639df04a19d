// Renders user-written markdown (briefs, contributions, organization descriptions) safely: raw
// HTML in the source is dropped, never rendered, and react-markdown's default URL filter removes
// `javascript:` and the like. Loaded lazily (react-markdown is a large part of the bundle): pages
// import Markdown.tsx, which shows the plain text until this arrives.
import type { ComponentProps } from 'react'
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown'

/** Whether `src` is served by this site (a relative URL or this origin): only those load as images. */
function sameOrigin(src: string | undefined): boolean {
  if (!src) return false
  try {
    return new URL(src, window.location.href).origin === window.location.origin
  } catch {
    return false
  }
}

const components: Components = {
  // An image from another site would tell it the address of everyone who reads the text: it
  // becomes a link to the image instead (the Content-Security-Policy would refuse to load it too).
  img: ({ node: _node, src, alt }) =>
    typeof src === 'string' && sameOrigin(src) ? (
      <img src={src} alt={alt ?? ''} loading="lazy" />
    ) : (
      <a href={typeof src === 'string' ? src : undefined} rel="nofollow ugc noopener noreferrer">
        {alt || src}
      </a>
    ),
  // Links lead off-site to content we do not vouch for.
  a: ({ node: _node, ...props }) => <a {...props} rel="nofollow ugc noopener noreferrer" />,
}

/** The level a `#` in user text becomes: the first free level below the heading the text sits under. */
export type HeadingLevel = 2 | 3 | 4

const TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const

/**
 * The page owns the h1 and its sections: headings in user text move down as a block, `#` to `top`
 * and every deeper level with it, so their order survives (the deepest ones share h6). The CSS
 * sizes `.markdown` headings by the level they end up at.
 */
function shiftedHeadings(top: HeadingLevel): Components {
  return Object.fromEntries(
    TAGS.map((tag, depth) => {
      const Shifted = TAGS[Math.min(top - 1 + depth, TAGS.length - 1)]
      const Heading = ({ node: _node, ...props }: ComponentProps<'h1'> & ExtraProps) => <Shifted {...props} />
      return [tag, Heading]
    }),
  )
}

const COMPONENTS: Record<HeadingLevel, Components> = {
  2: { ...components, ...shiftedHeadings(2) },
  3: { ...components, ...shiftedHeadings(3) },
  4: { ...components, ...shiftedHeadings(4) },
}

/**
 * User-written markdown. `headingLevel` is what a `#` in it becomes: one below the heading the text
 * sits under (the default suits text under a page's h2 sections).
 */
export function MarkdownRenderer({ source, headingLevel = 3 }: { source: string; headingLevel?: HeadingLevel }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={COMPONENTS[headingLevel]}>
        {source}
      </ReactMarkdown>
    </div>
  )
}

/**
 * The text of user-written markdown without its formatting, paragraph by paragraph: for excerpts
 * (a gallery tile), where emphasis, links and lists would only clutter and raw syntax (`*one*`)
 * would read as noise.
 */
export function MarkdownTextRenderer({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown skipHtml allowedElements={['p']} unwrapDisallowed>
        {source}
      </ReactMarkdown>
    </div>
  )
}
