import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { switchLanguage } from '../../i18n'
import { StarRating } from './StarRating'

function renderStars(value: number | undefined, label = 'Stars for “Wave bottle”') {
  const onCast = vi.fn()
  const view = render(<StarRating label={label} value={value} onCast={onCast} />)
  return { ...view, onCast, group: within(screen.getByRole('group', { name: label })) }
}

describe('StarRating', () => {
  it('moves with the arrow keys without casting, and casts once on Enter', async () => {
    const user = userEvent.setup()
    const { onCast, group } = renderStars(undefined)

    // One Tab stop: the first star while nothing is cast.
    await user.tab()
    expect(group.getByRole('button', { name: '1 star' })).toHaveFocus()
    await user.keyboard('[ArrowRight][ArrowRight][ArrowRight][ArrowLeft][ArrowRight]')
    const four = group.getByRole('button', { name: '4 stars' })
    expect(four).toHaveFocus()
    expect(onCast).not.toHaveBeenCalled()
    // What Enter would cast shows outlined, nothing pressed yet.
    expect(four).toHaveClass('preview')
    expect(group.queryAllByRole('button', { pressed: true })).toHaveLength(0)

    await user.keyboard('[Enter]')
    expect(onCast).toHaveBeenCalledTimes(1)
    expect(onCast).toHaveBeenCalledWith(4)
  })

  it('casts on Space and on a click, goes to the ends with Home and End, and keeps its Tab stop on the vote', async () => {
    const user = userEvent.setup()
    const { onCast, group, rerender } = renderStars(undefined)

    await user.tab()
    await user.keyboard('[End]')
    expect(group.getByRole('button', { name: '5 stars' })).toHaveFocus()
    await user.keyboard('[Home]')
    expect(group.getByRole('button', { name: '1 star' })).toHaveFocus()
    expect(onCast).not.toHaveBeenCalled()
    await user.keyboard('[Space]')
    expect(onCast).toHaveBeenLastCalledWith(1)

    await user.click(group.getByRole('button', { name: '2 stars' }))
    expect(onCast).toHaveBeenLastCalledWith(2)
    expect(onCast).toHaveBeenCalledTimes(2)

    // Cast: the vote is pressed and lit, and Tab comes back to it.
    rerender(<StarRating label="Stars for “Wave bottle”" value={2} onCast={onCast} />)
    act(() => (document.activeElement as HTMLElement).blur())
    const two = group.getByRole('button', { name: '2 stars' })
    expect(two).toHaveAttribute('aria-pressed', 'true')
    expect(two).toHaveClass('lit')
    expect(group.getByRole('button', { name: '1 star' })).toHaveClass('lit')
    expect(group.getByRole('button', { name: '3 stars' })).not.toHaveClass('lit')
    await user.tab()
    expect(two).toHaveFocus()
  })

  it('speaks German', async () => {
    await act(() => switchLanguage('de'))
    const user = userEvent.setup()
    const { onCast, group } = renderStars(3, 'Sterne für „Wellenflasche“')

    const three = group.getByRole('button', { name: '3 Sterne' })
    expect(three).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('group', { name: 'Sterne für „Wellenflasche“' })).toHaveAccessibleDescription(
      'Pfeiltasten wählen einen Stern; Enter oder ein Klick vergibt ihn.',
    )
    await user.tab()
    expect(three).toHaveFocus()
    await user.keyboard('[ArrowLeft]')
    expect(group.getByRole('button', { name: '2 Sterne' })).toHaveFocus()
    expect(onCast).not.toHaveBeenCalled()
    await user.keyboard('[Enter]')
    expect(onCast).toHaveBeenCalledExactlyOnceWith(2)
  })
})
