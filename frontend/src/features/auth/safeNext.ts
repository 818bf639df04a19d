/** Where to go after signing in: a path on this site only, never another origin (`//evil`). */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}
