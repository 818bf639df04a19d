// Decimal text from an input ("12.5") to integer minor units (1250) and back, with string
// arithmetic: money and shares are integers on the wire and must never pass through a float.

/** `null` when the text is not a non-negative decimal with at most `digits` decimals. */
export function parseScaled(text: string, digits: number): number | null {
  const match = /^\s*(\d+)(?:[.,](\d*))?\s*$/.exec(text)
  if (match === null) return null
  const [, whole, fraction = ''] = match
  if (fraction.length > digits) return null
  return Number(whole + fraction.padEnd(digits, '0'))
}

export function formatScaled(value: number, digits: number): string {
  if (digits === 0) return String(value)
  const text = String(Math.abs(value)).padStart(digits + 1, '0')
  const whole = text.slice(0, -digits)
  const fraction = text.slice(-digits).replace(/0+$/, '')
  return `${value < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}
