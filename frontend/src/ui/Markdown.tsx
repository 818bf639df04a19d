// User-written markdown (briefs, contributions, organization descriptions). The renderer (marked's
// parser and our own React renderer, see MarkdownRenderer.tsx) loads on first use, out of the
// initial bundle: until it arrives the text shows as plain paragraphs in the same box, so little
// moves when it does.
import { useEffect, useState } from 'react'
import { loadedMarkdownRenderer, loadMarkdownRenderer, type Renderer } from './markdownLoader'
import type { HeadingLevel } from './MarkdownRenderer'

export type { HeadingLevel }

function useRenderer(): Renderer | null {
  const [renderer, setRenderer] = useState(loadedMarkdownRenderer)
  useEffect(() => {
    if (renderer) return
    let current = true
    void loadMarkdownRenderer().then((module) => {
      if (current) setRenderer(module)
    })
    return () => {
      current = false
    }
  }, [renderer])
  return renderer
}

/** The source's paragraphs as they are, while the renderer loads. */
function PlainParagraphs({ source }: { source: string }) {
  return source
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph, index) => <p key={index}>{paragraph}</p>)
}

/**
 * User-written markdown. `headingLevel` is what a `#` in it becomes: one below the heading the text
 * sits under (the default suits text under a page's h2 sections).
 */
export function Markdown({ source, headingLevel = 3 }: { source: string; headingLevel?: HeadingLevel }) {
  const renderer = useRenderer()
  if (renderer) return <renderer.MarkdownRenderer source={source} headingLevel={headingLevel} />
  return (
    <div className="markdown">
      <PlainParagraphs source={source} />
    </div>
  )
}

/**
 * The text of user-written markdown without its formatting, paragraph by paragraph: for excerpts
 * (a gallery tile), where emphasis, links and lists would only clutter.
 */
export function MarkdownText({ source, className }: { source: string; className?: string }) {
  const renderer = useRenderer()
  if (renderer) return <renderer.MarkdownTextRenderer source={source} className={className} />
  return (
    <div className={className}>
      <PlainParagraphs source={source} />
    </div>
  )
}
