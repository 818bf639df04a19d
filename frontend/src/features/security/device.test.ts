import { describe, expect, it } from 'vitest'
import { describeDevice, RAW_MAX } from './device'

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const EDGE_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0'
const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'

describe('describeDevice', () => {
  it('names the browser and the system when it recognises them, the particular before the general', () => {
    expect(describeDevice(FIREFOX_WINDOWS)).toEqual({ kind: 'known', browser: 'Firefox', os: 'Windows' })
    expect(describeDevice(SAFARI_IPHONE)).toEqual({ kind: 'known', browser: 'Safari', os: 'iPhone' })
    expect(describeDevice(EDGE_MAC)).toEqual({ kind: 'known', browser: 'Edge', os: 'macOS' })
    expect(describeDevice(CHROME_ANDROID)).toEqual({ kind: 'known', browser: 'Chrome', os: 'Android' })
    expect(describeDevice('SomeApp/1.0 (Linux)')).toEqual({ kind: 'known', browser: null, os: 'Linux' })
  })

  it('keeps what it does not recognise as the client sent it, shortened', () => {
    expect(describeDevice('schwarm-cli/1.2')).toEqual({ kind: 'raw', text: 'schwarm-cli/1.2' })
    const long = describeDevice(`integration/${'x'.repeat(100)}`)
    expect(long.kind === 'raw' && long.text).toHaveLength(RAW_MAX)
    expect(long.kind === 'raw' && long.text.endsWith('…')).toBe(true)
  })

  it('has nothing to go by without a User-Agent', () => {
    expect(describeDevice(null)).toEqual({ kind: 'unknown' })
    expect(describeDevice('   ')).toEqual({ kind: 'unknown' })
  })
})
