// The browser picks the smallest copy of an image that is sharp at the size it is shown: the
// server's smaller copies (`variants`) and the original, as a `srcset`.
import type { Schemas } from '../../api/types'

type Media = Pick<Schemas['MediaResponse'], 'url' | 'width' | 'variants'>

/** `srcset` for `media`, or `undefined` when it has no smaller copies. */
export function srcSetOf(media: Media): string | undefined {
  if (media.variants.length === 0) return undefined
  return [...media.variants.map((variant) => `${variant.url} ${variant.width}w`), `${media.url} ${media.width}w`].join(', ')
}
