// Saving a response body as a file: the name the server gave in `Content-Disposition`, and a
// temporary object URL that a hidden link downloads.

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` wins), or `fallback`. */
export function filenameOf(header: string | null, fallback: string): string {
  if (!header) return fallback
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      return clean(decodeURIComponent(extended[2].trim())) || fallback
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header)
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim()
  return (name && clean(name)) || fallback
}

/** Only a name, never a path. */
function clean(name: string): string {
  return name.replace(/[/\\]/g, '_').trim()
}

// Some browsers read the object URL only after `click()` returns: free it a while later.
const REVOKE_AFTER_MS = 60_000

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS)
}
