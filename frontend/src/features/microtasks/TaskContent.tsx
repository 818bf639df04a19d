// What a task shows: its instructions (markdown, rendered like a brief), its text, its image and
// its link. The runner leaves the image to the rectangle question, which draws on it.
import { useTranslation } from 'react-i18next'
import { Markdown } from '../../ui/Markdown'
import type { Task } from './queries'
import { linkHost } from './wording'

export function TaskContent({ task, showImage = true }: { task: Task; showImage?: boolean }) {
  const { t } = useTranslation('microtasks')
  const { text, link } = task.payload
  const host = link ? linkHost(link) : null
  return (
    <div className="task-content stack-sm">
      {task.instructions && <Markdown source={task.instructions} />}
      {text && <p className="task-text">{text}</p>}
      {showImage && task.image_url && <img className="task-image" src={task.image_url} alt={t('task.imageAlt')} />}
      {link &&
        (host ? (
          <p>
            <a href={link} target="_blank" rel="nofollow ugc noopener noreferrer">
              {t('task.openLink', { host })}
            </a>
          </p>
        ) : (
          <p className="task-text">{link}</p>
        ))}
    </div>
  )
}
