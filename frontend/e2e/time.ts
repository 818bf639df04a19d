/** A `datetime-local` value `minutes` from now, in the browser's (this machine's) time zone. */
export function localInput(minutes: number): string {
  const date = new Date(Date.now() + minutes * 60_000)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** An instant `minutes` from now, as the API takes it (ISO 8601, UTC). */
export function instantIn(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString()
}
