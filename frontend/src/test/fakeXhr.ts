// A stand-in for XMLHttpRequest (uploads report progress through it): records each request and
// lets the test drive its upload progress and its response.
import { vi } from 'vitest'

export class FakeXhr {
  static sent: FakeXhr[] = []
  readonly upload = new EventTarget()
  private readonly events = new EventTarget()
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: FormData | null = null
  status = 0
  responseText = ''

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  addEventListener(type: string, listener: EventListener) {
    this.events.addEventListener(type, listener)
  }
  send(body: FormData) {
    this.body = body
    FakeXhr.sent.push(this)
  }
  abort() {
    this.events.dispatchEvent(new Event('abort'))
  }

  /** The browser has sent `loaded` of `total` bytes. */
  progress(loaded: number, total: number) {
    this.upload.dispatchEvent(new ProgressEvent('progress', { lengthComputable: true, loaded, total }))
  }
  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.events.dispatchEvent(new Event('load'))
  }
}

export function stubXhr(): typeof FakeXhr.sent {
  FakeXhr.sent = []
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return FakeXhr.sent
}

export function media(id: string) {
  return {
    id,
    url: `/api/v1/media/${id}`,
    content_type: 'image/png',
    size: 68,
    width: 1,
    height: 1,
    variants: [],
    created_at: '2026-01-01T00:00:00Z',
  }
}
