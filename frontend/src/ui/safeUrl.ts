// Which URLs in user-written markdown may become an href or a src (see MarkdownRenderer.tsx).

const SAFE_PROTOCOL = /^(https?|ircs?|mailto|xmpp)$/i

/**
 * The URL if it is relative or its scheme is a safe one, else undefined (as react-markdown's
 * default URL filter, which this replaced): `javascript:`, `data:`, `vbscript:` and the like never
 * reach an href or a src.
 */
export function safeUrl(url: string): string | undefined {
  const colon = url.indexOf(':')
  const firstOf = (char: string) => {
    const index = url.indexOf(char)
    return index === -1 ? Infinity : index
  }
  if (colon === -1 || colon > Math.min(firstOf('/'), firstOf('?'), firstOf('#'))) return url
  return SAFE_PROTOCOL.test(url.slice(0, colon)) ? url : undefined
}
