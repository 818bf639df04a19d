// Renders user-written markdown (briefs, contributions) safely: raw HTML in the source is dropped,
// never rendered, and react-markdown's default URL filter removes `javascript:` and the like.
import ReactMarkdown, { type Components } from 'react-markdown'

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
  // The page owns the h1; headings in user text start one level below the page's structure.
  h1: ({ node: _node, ...props }) => <h3 {...props} />,
  h2: ({ node: _node, ...props }) => <h4 {...props} />,
}

export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml components={components}>
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
export function MarkdownText({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      <ReactMarkdown skipHtml allowedElements={['p']} unwrapDisallowed>
        {source}
      </ReactMarkdown>
    </div>
  )
}
