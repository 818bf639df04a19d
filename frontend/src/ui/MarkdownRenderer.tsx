// Renders user-written markdown (briefs, contributions, organization descriptions) safely. `marked`
// only parses (its lexer, CommonMark without the GFM extensions); the token tree becomes React
// elements here, never an HTML string, so nothing in the source reaches the page as markup: raw HTML
// in it is dropped, never rendered, and a URL with any scheme but http(s), mailto, irc(s) and xmpp
// (`javascript:`, `data:`, …) is removed. Loaded lazily: pages import Markdown.tsx, which shows the
// plain text until this arrives.
import { decodeNamedCharacterReference } from 'decode-named-character-reference'
import { Lexer, type Token, type Tokens } from 'marked'
import type { ReactNode } from 'react'
import { safeUrl } from './safeUrl'

/** The level a `#` in user text becomes: the first free level below the heading the text sits under. */
export type HeadingLevel = 2 | 3 | 4

const TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const

/** What links in user text carry: they lead off-site to content we do not vouch for. */
const LINK_REL = 'nofollow ugc noopener noreferrer'

const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[Xx]([\dA-Fa-f]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g

/** The character a numeric reference names, or U+FFFD for none (0, a surrogate, past Unicode), as CommonMark reads it. */
function codePoint(code: number): string {
  return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code)
}

/**
 * The text with its character references (`&copy;`, `&amp;`, `&#106;`) decoded, in one pass, as
 * CommonMark reads them. Marked decodes the numeric ones in text (`&#38;` becomes `&amp;`, decoded
 * here) but none in a link's destination or title: there `&#106;avascript:` must turn into the
 * `javascript:` it means before the scheme is judged.
 */
function decoded(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(CHARACTER_REFERENCE, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal) return codePoint(Number.parseInt(decimal, 10))
    if (hex) return codePoint(Number.parseInt(hex, 16))
    return decodeNamedCharacterReference(name ?? '') || whole
  })
}

/** Whether `src` is served by this site (a relative URL or this origin): only those load as images. */
function sameOrigin(src: string): boolean {
  try {
    return new URL(src, window.location.href).origin === window.location.origin
  } catch {
    return false
  }
}

/** A link's or an image's destination as written: autolinks are literal, others have their references decoded. */
function destination(token: Tokens.Link | Tokens.Image): string {
  return 'autolink' in token && token.autolink ? token.href : decoded(token.href)
}

/** The plain text of inline tokens (an image's alt text). */
function plainText(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case 'text':
          return decoded(token.text)
        case 'escape':
        case 'codespan':
          return token.text
        case 'br':
          return '\n'
        case 'link':
          return (token as Tokens.Link).autolink ? token.text : plainText(token.tokens)
        // Raw HTML leaves nothing, nor do images (in an excerpt; an image in alt text is no text either).
        case 'html':
        case 'image':
          return ''
        default:
          return 'tokens' in token ? plainText(token.tokens) : ''
      }
    })
    .join('')
}

function inline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, key) => {
    switch (token.type) {
      case 'text':
        return token.tokens ? inline(token.tokens) : decoded(token.text)
      case 'escape':
        return token.text
      case 'strong':
        return <strong key={key}>{inline(token.tokens)}</strong>
      case 'em':
        return <em key={key}>{inline(token.tokens)}</em>
      case 'del':
        return <del key={key}>{inline(token.tokens)}</del>
      case 'codespan':
        return <code key={key}>{token.text}</code>
      case 'br':
        return <br key={key} />
      case 'link': {
        const link = token as Tokens.Link
        return (
          <a key={key} href={safeUrl(destination(link))} title={link.title ? decoded(link.title) : undefined} rel={LINK_REL}>
            {link.autolink ? link.text : inline(link.tokens)}
          </a>
        )
      }
      case 'image': {
        // An image from another site would tell it the address of everyone who reads the text: it
        // becomes a link to the image instead (the Content-Security-Policy would refuse to load it too).
        const image = token as Tokens.Image
        const src = safeUrl(destination(image))
        const alt = plainText(image.tokens)
        const title = image.title ? decoded(image.title) : undefined
        return src !== undefined && src !== '' && sameOrigin(src) ? (
          <img key={key} src={src} alt={alt} title={title} loading="lazy" />
        ) : (
          <a key={key} href={src} title={title} rel={LINK_REL}>
            {alt || src}
          </a>
        )
      }
      // Raw HTML (`<b>`, `<img onerror=…>`) is dropped, never rendered; what stands between two tags is text.
      default:
        return null
    }
  })
}

/** Block tokens as elements; headings `#` to `top`, every deeper level with it. */
function blocks(tokens: Token[], top: HeadingLevel): ReactNode[] {
  return tokens.map((token, key) => {
    switch (token.type) {
      case 'paragraph':
        return <p key={key}>{inline(token.tokens)}</p>
      // A tight list item's text: inline content without a paragraph around it.
      case 'text':
        return token.tokens ? inline(token.tokens) : decoded(token.text)
      case 'heading': {
        // The page owns the h1 and its sections: headings in user text move down as a block, so
        // their order survives (the deepest ones share h6). The CSS sizes `.markdown` headings by
        // the level they end up at.
        const Heading = TAGS[Math.min(top - 1 + (token as Tokens.Heading).depth - 1, TAGS.length - 1)]
        return <Heading key={key}>{inline(token.tokens)}</Heading>
      }
      case 'list': {
        const list = token as Tokens.List
        const items = list.items.map((item, index) => <li key={index}>{blocks(item.tokens, top)}</li>)
        if (!list.ordered) return <ul key={key}>{items}</ul>
        return (
          <ol key={key} start={list.start !== '' && list.start !== 1 ? list.start : undefined}>
            {items}
          </ol>
        )
      }
      case 'blockquote':
        return <blockquote key={key}>{blocks((token as Tokens.Blockquote).tokens, top)}</blockquote>
      case 'code': {
        const code = token as Tokens.Code
        const language = code.lang?.split(/\s/)[0]
        return (
          <pre key={key}>
            <code className={language ? `language-${decoded(language)}` : undefined}>{code.text ? `${code.text}\n` : ''}</code>
          </pre>
        )
      }
      case 'hr':
        return <hr key={key} />
      // Raw HTML blocks are dropped; so are link reference definitions (their links are resolved) and blank lines.
      default:
        return null
    }
  })
}

/** The source's tokens: CommonMark, without GFM's tables, strikethrough or bare-URL links (as before). */
function parse(source: string): Token[] {
  return Lexer.lex(source, { gfm: false })
}

/**
 * User-written markdown. `headingLevel` is what a `#` in it becomes: one below the heading the text
 * sits under (the default suits text under a page's h2 sections).
 */
export function MarkdownRenderer({ source, headingLevel = 3 }: { source: string; headingLevel?: HeadingLevel }) {
  return <div className="markdown">{blocks(parse(source), headingLevel)}</div>
}

/** Block tokens as their text, paragraphs kept as paragraphs and every other element unwrapped. */
function textBlocks(tokens: Token[]): ReactNode[] {
  // A line break between blocks, as in the source, so that the text of two never runs together.
  return tokens
    .map(textBlock)
    .filter((text) => text !== null)
    .flatMap((text, index) => (index === 0 ? [text] : ['\n', text]))
}

function textBlock(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'paragraph':
      return <p key={key}>{plainText(token.tokens)}</p>
    case 'text':
      return token.tokens ? plainText(token.tokens) : decoded(token.text)
    case 'heading':
      return plainText(token.tokens)
    case 'list':
      return (token as Tokens.List).items.flatMap((item, index) => (index === 0 ? [textBlocks(item.tokens)] : ['\n', textBlocks(item.tokens)]))
    case 'blockquote':
      return textBlocks((token as Tokens.Blockquote).tokens)
    case 'code':
      return (token as Tokens.Code).text
    default:
      return null
  }
}

/**
 * The text of user-written markdown without its formatting, paragraph by paragraph: for excerpts
 * (a gallery tile), where emphasis, links and lists would only clutter and raw syntax (`*one*`)
 * would read as noise. Images leave nothing behind; links leave their text.
 */
export function MarkdownTextRenderer({ source, className }: { source: string; className?: string }) {
  return <div className={className}>{textBlocks(parse(source))}</div>
}
