/** Which request fields these inputs show (tags also for each `tags[i]`). */
export function isContentField(path: string): boolean {
  return path === 'title' || path === 'body' || /^tags(\[\d+\])?$/.test(path)
}

/** The image list (`media_ids`, `media_ids[i]`). */
export function isMediaField(path: string): boolean {
  return /^media_ids(\[\d+\])?$/.test(path)
}
