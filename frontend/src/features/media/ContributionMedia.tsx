import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'

/** A contribution's images, in its authors' order, described by its title. */
export function ContributionMedia({ title, media }: { title: string; media: Schemas['MediaResponse'][] }) {
  const { t } = useTranslation('media')
  if (media.length === 0) return null
  return (
    <ul className="contribution-media">
      {media.map((image, index) => (
        <li key={image.id}>
          <img
            src={image.url}
            width={image.width}
            height={image.height}
            loading={index === 0 ? 'eager' : 'lazy'}
            alt={media.length === 1 ? title : t('image.position', { title, position: index + 1, count: media.length })}
          />
        </li>
      ))}
    </ul>
  )
}
