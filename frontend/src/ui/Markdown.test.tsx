import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import css from '../index.css?raw'
import { Markdown } from './Markdown'

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
