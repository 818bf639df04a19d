// What a refusal (an answer that is not 2xx) waits for before the page sees it. The app sets it
// (app/App.tsx): the refusals' messages in the UI's language, a chunk that a visit nobody refuses
// never downloads. So the messages need not be fetched up front, and yet the first refusal is
// already shown in the UI's words.
import type { Middleware } from 'openapi-fetch'

let prepare: () => Promise<void> = () => Promise.resolve()

/** Sets what every refusal waits for. */
export function beforeRefusals(hook: () => Promise<void>): void {
  prepare = hook
}

/** Waits for the hook; never fails (the page then shows the API's own words). */
export async function prepareForRefusal(): Promise<void> {
  try {
    await prepare()
  } catch {
    // The messages could not be loaded: the refusal still goes through.
  }
}

/** openapi-fetch middleware: holds back a refusal until `prepareForRefusal` is done. */
export const refusalMiddleware: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) await prepareForRefusal()
    return undefined
  },
}
