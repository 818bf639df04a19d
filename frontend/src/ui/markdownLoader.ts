// The Markdown renderer (marked and our own renderer, see MarkdownRenderer.tsx) loads on first use,
// out of the initial bundle; tests load it up front (src/test/setup.ts) so markdown renders at once.
export type Renderer = typeof import('./MarkdownRenderer')

let loaded: Renderer | null = null
let loading: Promise<Renderer> | null = null

/** The renderer if it has arrived. */
export function loadedMarkdownRenderer(): Renderer | null {
  return loaded
}

/** Loads the renderer, once. */
export function loadMarkdownRenderer(): Promise<Renderer> {
  loading ??= import('./MarkdownRenderer').then((module) => (loaded = module))
  return loading
}
