import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
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
