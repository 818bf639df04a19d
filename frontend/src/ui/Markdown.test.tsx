import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import css from '../index.css?raw'
import { Markdown, MarkdownText } from './Markdown'
import { safeUrl } from './safeUrl'

it('renders markdown but never raw HTML or script URLs', () => {
  const source = [
    '# Brief',
    'Make it **bold**.',
    '<script>window.hacked = true</script><img src=x onerror="window.hacked = true">',
    '[click](javascript:alert(1)) and [docs](https://example.com)',
  ].join('\n\n')

  const { container } = render(<Markdown source={source} />)

  expect(screen.getByRole('heading', { name: 'Brief' })).toBeVisible()
  expect(screen.getByText('bold').tagName).toBe('STRONG')
  expect(container.querySelector('script, img')).toBeNull()
  expect(container.innerHTML).not.toContain('onerror')
  // The unsafe URL is removed, which leaves an anchor without href (no longer a link at all).
  expect(screen.queryByRole('link', { name: 'click' })).toBeNull()
  expect(container.innerHTML).not.toContain('javascript:')
  expect(screen.getByRole('link', { name: 'docs' })).toHaveAttribute('rel', 'nofollow ugc noopener noreferrer')
})

it("loads images of this site only; another site's image becomes a link to it", () => {
  const source = '![tracker](https://tracker.example/pixel.png) and ![ours](/api/v1/media/abc/content)'

  const { container } = render(<Markdown source={source} />)

  const images = Array.from(container.querySelectorAll('img'), (img) => img.getAttribute('src'))
  expect(images).toEqual(['/api/v1/media/abc/content'])
  expect(screen.getByRole('link', { name: 'tracker' })).toHaveAttribute('href', 'https://tracker.example/pixel.png')
})

const outline = ['# Top', '## Second', '### Third', '#### Fourth'].join('\n\n')

/** The level of each heading in `container`, by its text. */
const levels = (container: HTMLElement) =>
  Object.fromEntries(Array.from(container.querySelectorAll('h1, h2, h3, h4, h5, h6'), (h) => [h.textContent, Number(h.tagName[1])]))

it('moves headings in user text below the page as a block, keeping their order', () => {
  // Under a page's h2 section (a brief): `#` is an h3, and each deeper level stays deeper.
  const { container } = render(<Markdown source={outline} />)
  expect(levels(container)).toEqual({ Top: 3, Second: 4, Third: 5, Fourth: 6 })
  expect(screen.getByRole('heading', { level: 4, name: 'Second' })).toBeVisible()
  expect(screen.getByRole('heading', { level: 5, name: 'Third' })).toBeVisible()

  // Right under the page's h1 (an entry's body): `#` is an h2, never a second h1.
  const { container: body } = render(<Markdown source={`${outline}\n\n##### Fifth\n\n###### Sixth`} headingLevel={2} />)
  expect(levels(body)).toEqual({ Top: 2, Second: 3, Third: 4, Fourth: 5, Fifth: 6, Sixth: 6 })
  expect(body.querySelector('h1')).toBeNull()
})

it('sizes markdown headings by level, each smaller than the one above', () => {
  // jsdom applies no stylesheet: read the rules the browser would.
  const size = (level: number) => {
    const rule = new RegExp(`\\.markdown h${level} \\{[^}]*font-size: ([\\d.]+)rem`).exec(css)
    expect(rule, `.markdown h${level} has a font-size in rem`).not.toBeNull()
    return Number(rule![1])
  }
  const sizes = [2, 3, 4, 5, 6].map(size)
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
  expect(new Set(sizes).size).toBe(sizes.length)
})

it('removes every URL whose scheme is not a safe one, however it is spelled', () => {
  const source = [
    '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](javascript&colon;alert(1)) [d](<java\tscript:alert(1)>)',
    '[e](data:text/html,<b>x</b>) [f](vbscript:msgbox) [g](&#x6A;avascript:alert(1))',
    '![h](javascript:alert(1)) ![i](data:image/png;base64,AAAA)',
  ].join('\n\n')

  const { container } = render(<Markdown source={source} />)

  // Each stays as its text, in an anchor without href (no link at all), and nothing loads.
  expect(screen.queryAllByRole('link')).toEqual([])
  expect(Array.from(container.querySelectorAll('a'), (a) => a.textContent)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])
  expect(container.querySelector('a[href], img')).toBeNull()
  expect(container.innerHTML).not.toMatch(/javascript|data:|vbscript/i)
})

it('keeps links with a safe scheme or none, each marked as not vouched for', () => {
  const source =
    '[web](https://example.com/a?b=1&amp;c=2 "The title") [mail](mailto:ann@example.com) [here](/c/kites) [odd](/page:2) <https://auto.example/x> <bob@example.com>'

  render(<Markdown source={source} />)

  const links = screen.getAllByRole('link')
  expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
    ['web', 'https://example.com/a?b=1&c=2'],
    ['mail', 'mailto:ann@example.com'],
    ['here', '/c/kites'],
    ['odd', '/page:2'],
    ['https://auto.example/x', 'https://auto.example/x'],
    ['bob@example.com', 'mailto:bob@example.com'],
  ])
  for (const link of links) expect(link).toHaveAttribute('rel', 'nofollow ugc noopener noreferrer')
  expect(screen.getByRole('link', { name: 'web' })).toHaveAttribute('title', 'The title')
})

it('judges URLs by their scheme: relative ones and http(s), mailto, irc(s), xmpp pass; others are removed', () => {
  for (const url of ['https://x.example', 'HTTP://x.example', 'mailto:a@b.c', 'ircs://irc.example', 'xmpp:a@b.c', '/a:b', '?q=a:b', '#a:b', 'page'])
    expect(safeUrl(url)).toBe(url)
  for (const url of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', ' javascript:x', 'java\tscript:x'])
    expect(safeUrl(url)).toBeUndefined()
})

it("renders CommonMark's blocks and inline formatting as elements", () => {
  const source = [
    'Text with *em*, **strong**, `co&amp;de` and &copy; &amp; &#65; \\*not em\\*.',
    '- one\n- two',
    '3. three\n4. four',
    '> quoted',
    '```js\nlet a = 1 < 2\n```',
    'line one  \nline two',
    '---',
    '~~not struck~~ | no | table |',
  ].join('\n\n')

  const { container } = render(<Markdown source={source} />)

  const markdown = container.querySelector('.markdown') as HTMLElement
  expect(screen.getByText('em').tagName).toBe('EM')
  expect(screen.getByText('strong').tagName).toBe('STRONG')
  // Character references are decoded in text, never in code.
  expect(screen.getByText('co&amp;de').tagName).toBe('CODE')
  expect(markdown.querySelector('p')).toHaveTextContent('Text with em, strong, co&amp;de and © & A *not em*.')
  expect(Array.from(markdown.querySelectorAll('ul > li'), (li) => li.textContent)).toEqual(['one', 'two'])
  expect(markdown.querySelector('ol')).toHaveAttribute('start', '3')
  expect(markdown.querySelector('blockquote')).toHaveTextContent('quoted')
  expect(markdown.querySelector('pre > code.language-js')?.textContent).toBe('let a = 1 < 2\n')
  expect(markdown.querySelector('br')).not.toBeNull()
  expect(markdown.querySelector('hr')).not.toBeNull()
  // Without GFM, as before: no strikethrough, no tables.
  expect(markdown.querySelector('del, table')).toBeNull()
})

it('shows the text of markdown for an excerpt: paragraphs only, formatting, links, images and HTML gone', () => {
  const source = [
    '# Heading',
    'Some *em* and **strong** with [a link](https://example.com) and ![an image](/api/v1/media/abc/content).',
    '- first\n- second',
    '<b>raw</b> html <script>window.hacked = true</script>',
  ].join('\n\n')

  const { container } = render(<MarkdownText source={source} className="excerpt" />)

  const excerpt = container.querySelector('.excerpt') as HTMLElement
  // Only paragraphs remain as elements; every other element is unwrapped to its text.
  expect(Array.from(excerpt.querySelectorAll('*'), (element) => element.tagName)).toEqual(['P', 'P'])
  expect(excerpt.textContent).toBe('Heading\nSome em and strong with a link and .\nfirst\nsecond\nraw html window.hacked = true')
})
