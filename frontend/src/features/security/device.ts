// A short, readable name for the device a session signed in from, made from its User-Agent:
// "Firefox on Windows" when the browser or the system is recognisable, else the string as the
// client sent it (shortened), else nothing to go by. For recognising one's own devices only:
// a User-Agent says what the client claims to be.

export type Device =
  | { kind: 'known'; browser: string | null; os: string | null }
  | { kind: 'raw'; text: string }
  | { kind: 'unknown' }

/** The longest raw User-Agent shown, in characters (with the ellipsis). */
export const RAW_MAX = 60

// In order: a browser names the engines it descends from too (Edge says Chrome and Safari).
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChromium\//, 'Chromium'],
  [/\bChrome\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
]

// An iPhone says "like Mac OS X", and Android says Linux: the particular before the general.
const SYSTEMS: readonly [RegExp, string][] = [
  [/\biPhone\b|\biPod\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
]

const first = (list: readonly [RegExp, string][], text: string) => list.find(([pattern]) => pattern.test(text))?.[1] ?? null

export function describeDevice(userAgent: string | null | undefined): Device {
  const text = userAgent?.trim() ?? ''
  if (text === '') return { kind: 'unknown' }
  const browser = first(BROWSERS, text)
  const os = first(SYSTEMS, text)
  if (browser !== null || os !== null) return { kind: 'known', browser, os }
  return { kind: 'raw', text: text.length > RAW_MAX ? `${text.slice(0, RAW_MAX - 1)}…` : text }
}
