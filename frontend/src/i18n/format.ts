// Dates, numbers and money in the UI's language, through Intl. Money and shares arrive as
// integers (minor units, basis points) and are turned into decimals only for display.
import { useTranslation } from 'react-i18next'

/** How many minor units a currency has (EUR 2, JPY 0), as Intl knows it. */
export function minorDigitsOf(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

export function formatMoney(language: string, amountMinor: number, currency: string): string {
  const digits = minorDigitsOf(currency)
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amountMinor / 10 ** digits)
  } catch {
    // A currency code Intl does not know: still show the amount.
    return `${new Intl.NumberFormat(language).format(amountMinor / 10 ** digits)} ${currency}`
  }
}

/** 2500 basis points -> "25 %" / "25%". */
export function formatShare(language: string, basisPoints: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(basisPoints / 10_000)
}

/** A fraction as a percentage: 0.0234 -> "2.3%" / "2,3 %". */
export function formatPercent(language: string, fraction: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(fraction)
}

/** A calendar day (`2030-06-10`, a UTC date on the wire) without shifting it into another day. */
export function formatDay(language: string, day: string, style: 'medium' | 'short' = 'medium'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }
  return new Intl.DateTimeFormat(language, options).format(new Date(`${day}T00:00:00Z`))
}

export function formatDateTime(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

export function formatDate(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso))
}

export function formatNumber(language: string, value: number): string {
  return new Intl.NumberFormat(language).format(value)
}

/** A score with at most `digits` decimals: 3.14159 -> "3.14" / "3,14". */
export function formatDecimal(language: string, value: number, digits: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)
}

/**
 * How far off an instant is, in its largest whole unit: "in 2 days" / "in 2 Tagen", "in 5 hours",
 * "in 1 minute" (never "tomorrow": a day and 20 hours is "in 1 day"); `null` once it has passed.
 */
export function formatIn(language: string, at: number, now: number): string | null {
  const seconds = Math.floor((at - now) / 1000)
  if (seconds <= 0) return null
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' })
  if (seconds >= 86_400) return format.format(Math.floor(seconds / 86_400), 'day')
  if (seconds >= 3600) return format.format(Math.floor(seconds / 3600), 'hour')
  if (seconds >= 60) return format.format(Math.floor(seconds / 60), 'minute')
  return format.format(seconds, 'second')
}

/** The formatters, bound to the current UI language (re-rendering when it changes). */
export function useFormat() {
  const { i18n } = useTranslation()
  const language = i18n.language
  return {
    language,
    money: (amountMinor: number, currency: string) => formatMoney(language, amountMinor, currency),
    share: (basisPoints: number) => formatShare(language, basisPoints),
    percent: (fraction: number) => formatPercent(language, fraction),
    day: (day: string, style?: 'medium' | 'short') => formatDay(language, day, style),
    dateTime: (iso: string) => formatDateTime(language, iso),
    date: (iso: string) => formatDate(language, iso),
    number: (value: number) => formatNumber(language, value),
    decimal: (value: number, digits: number) => formatDecimal(language, value, digits),
    in: (at: number, now: number) => formatIn(language, at, now),
  }
}
