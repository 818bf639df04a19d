import { describe, expect, it } from 'vitest'
import { lowBelow } from './lease'

const claim = (minutes: number) => ({
  created_at: '2026-11-25T10:00:00Z',
  lease_expires_at: new Date(Date.parse('2026-11-25T10:00:00Z') + minutes * 60_000).toISOString(),
})

describe('lowBelow', () => {
  it('warns in the last minute of a long lease', () => {
    expect(lowBelow(claim(60))).toBe(60_000)
  })

  it('warns in the last quarter of a short one, so a one-minute lease does not start out running out', () => {
    expect(lowBelow(claim(1))).toBe(15_000)
  })

  it('falls back to a minute when the instants cannot be read', () => {
    expect(lowBelow({ created_at: 'later', lease_expires_at: 'soon' })).toBe(60_000)
  })
})
