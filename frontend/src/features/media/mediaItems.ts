// The images of a form: uploaded ones (with their id) and ones still on their way.

/** The most images a contribution shows (the API's limit). */
export const MAX_CONTRIBUTION_MEDIA = 10
export interface MediaItem {
  key: string
  /** The stored image once uploaded (or already attached); `null` while uploading. */
  media: { id: string; url: string } | null
  /** What to show meanwhile: a local preview of the picked file. */
  preview: string
  name: string
  /** 0 to 1 while uploading. */
  progress: number
}

export type ItemsChange = (change: (items: MediaItem[]) => MediaItem[]) => void

let nextKey = 1
export function newKey(): string {
  return `media-${nextKey++}`
}

/** Items for images already attached to what is being edited. */
export function attachedItems(media: ReadonlyArray<{ id: string; url: string }>): MediaItem[] {
  return media.map((image) => ({ key: newKey(), media: { id: image.id, url: image.url }, preview: image.url, name: '', progress: 1 }))
}

export function isUploading(items: readonly MediaItem[]): boolean {
  return items.some((item) => item.media === null)
}

/** The ids to send, in the order shown. */
export function mediaIds(items: readonly MediaItem[]): string[] {
  return items.flatMap((item) => (item.media ? [item.media.id] : []))
}

export function move(items: readonly MediaItem[], key: string, by: -1 | 1): MediaItem[] {
  const from = items.findIndex((item) => item.key === key)
  const to = from + by
  if (from < 0 || to < 0 || to >= items.length) return [...items]
  const next = [...items]
  ;[next[from], next[to]] = [next[to], next[from]]
  return next
}
