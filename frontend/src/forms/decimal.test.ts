import { describe, expect, it } from 'vitest'
import { formatScaled, parseScaled } from './decimal'

describe('parseScaled', () => {
  it('turns decimal text into integer minor units without floating-point error', () => {
    expect(parseScaled('500', 2)).toBe(50000)
    expect(parseScaled('0.29', 2)).toBe(29)
    expect(parseScaled('12,5', 2)).toBe(1250)
    expect(parseScaled('33.33', 2)).toBe(3333)
    expect(parseScaled('7', 0)).toBe(7)
  })

  it('refuses text that is not a non-negative amount with at most the currency digits', () => {
    expect(parseScaled('', 2)).toBeNull()
    expect(parseScaled('-1', 2)).toBeNull()
    expect(parseScaled('1.234', 2)).toBeNull()
    expect(parseScaled('abc', 2)).toBeNull()
  })
})

describe('formatScaled', () => {
  it('shows minor units as the decimal an input can hold', () => {
    expect(formatScaled(50000, 2)).toBe('500')
    expect(formatScaled(1250, 2)).toBe('12.5')
    expect(formatScaled(5, 2)).toBe('0.05')
    expect(formatScaled(7, 0)).toBe('7')
  })
})
