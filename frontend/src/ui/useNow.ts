import { useEffect, useState } from 'react'
import { serverSkew } from '../api/serverClock'

/** The current time, updated every `intervalMs`: for countdowns. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/**
 * The server's current time (this browser's, corrected by the skew the last campaign response's
 * `Date` showed), updated every `intervalMs`: for countdowns to boundaries the server decides.
 */
export function useServerNow(intervalMs = 1000): number {
  return useNow(intervalMs) + serverSkew()
}
