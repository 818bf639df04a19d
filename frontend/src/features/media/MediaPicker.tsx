// Picks images, previews them and uploads each at once with a progress bar; the images can be
// reordered and removed before the form is sent. The form owns the list (it sends the ids) and
// passes changes as functions, since uploads finish while the user goes on editing.
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { megabytes, useMediaLimits } from './limits'
import { move, newKey, type ItemsChange, type MediaItem } from './mediaItems'
import { ACCEPTED_TYPES, uploadMedia } from './upload'
import { describeUploadError } from './uploadProblem'

interface Props {
  label: string
  items: MediaItem[]
  onChange: ItemsChange
  /** 1 for a single image (a new pick replaces it). */
  max: number
  /** Alternative text for the previews, e.g. the contribution's title. */
  alt: string
  /** The server's messages for the ids sent (a 422's `media_ids[i]`, `cover_media_id`). */
  errors?: string[]
}

function previewOf(file: File): string {
  // jsdom and very old browsers have no object URLs: the progress bar still shows.
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : ''
}

function release(item: MediaItem) {
  if (item.preview.startsWith('blob:')) URL.revokeObjectURL(item.preview)
}

export function MediaPicker({ label, items, onChange, max, alt, errors }: Props) {
  const { t, i18n } = useTranslation('media')
  const { t: tCommon } = useTranslation()
  const limits = useMediaLimits()
  const maxBytes = limits.data?.max_bytes
  const id = useId()
  const [failures, setFailures] = useState<string[]>([])
  const uploads = useRef(new Map<string, AbortController>())
  const single = max === 1
  const list = useRef<HTMLOListElement>(null)

  useEffect(() => {
    const running = uploads.current
    return () => {
      for (const controller of running.values()) controller.abort()
    }
  }, [])

  // After a move the button pressed has moved too (or is disabled at an end): keep the keyboard on
  // the image, on the same button where it can still be pressed. The list is rendered in this event
  // and focused at once, not a frame later, when the user may already be somewhere else.
  function moveItem(key: string, direction: 'earlier' | 'later') {
    flushSync(() => onChange((current) => move(current, key, direction === 'earlier' ? -1 : 1)))
    const pressed = list.current?.querySelector<HTMLButtonElement>(`[data-focus="${key}-${direction}"]`)
    const fallback = list.current?.querySelector<HTMLButtonElement>(`[data-focus^="${key}-"]:not(:disabled)`)
    ;(pressed && !pressed.disabled ? pressed : fallback)?.focus()
  }

  function upload(file: File) {
    const key = newKey()
    const controller = new AbortController()
    uploads.current.set(key, controller)
    const item: MediaItem = { key, media: null, preview: previewOf(file), name: file.name, progress: 0 }
    const update = (change: Partial<MediaItem>) =>
      onChange((current) => current.map((other) => (other.key === key ? { ...other, ...change } : other)))
    onChange((current) => {
      if (single) current.forEach(release)
      return single ? [item] : [...current, item]
    })
    uploadMedia(file, { signal: controller.signal, onProgress: (progress) => update({ progress }) })
      .then((media) => update({ media: { id: media.id, url: media.url }, progress: 1 }))
      .catch((error: unknown) => {
        onChange((current) => current.filter((other) => other.key !== key))
        release(item)
        if (controller.signal.aborted) return
        const message = describeUploadError(error, t, tCommon, i18n.language)
        setFailures((current) => [...current, t('picker.failed', { name: file.name, message })])
      })
      .finally(() => uploads.current.delete(key))
  }

  function pick(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? [])
    // Clear the input so picking the same file again (after removing it) fires a change.
    event.target.value = ''
    setFailures([])
    // A file over the limit is refused here, before it is sent (the server would refuse it too).
    const tooLarge = maxBytes === undefined ? [] : files.filter((file) => file.size > maxBytes)
    const fitting = files.filter((file) => !tooLarge.includes(file))
    const room = single ? 1 : max - items.length
    fitting.slice(0, room).forEach(upload)
    const refused = [
      ...tooLarge.map((file) =>
        t('picker.failed', {
          name: file.name,
          message: t('error.tooLargeBy', { size: megabytes(i18n.language, file.size), limit: megabytes(i18n.language, maxBytes ?? 0) }),
        }),
      ),
      ...fitting.slice(Math.max(room, 0)).map((file) => t('picker.failed', { name: file.name, message: t('error.tooMany', { max }) })),
    ]
    if (refused.length > 0) setFailures((current) => [...current, ...refused])
  }

  function remove(item: MediaItem) {
    uploads.current.get(item.key)?.abort()
    release(item)
    onChange((current) => current.filter((other) => other.key !== item.key))
  }

  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const full = !single && items.length >= max
  return (
    <fieldset className={errors?.length ? 'media-picker invalid' : 'media-picker'} aria-describedby={hintId}>
      <legend>{label}</legend>
      <p id={hintId} className="hint">
        {single ? t('picker.hintOne') : t('picker.hint', { max })}
        {maxBytes !== undefined && ` ${t('picker.hintSize', { limit: megabytes(i18n.language, maxBytes) })}`}
      </p>
      {items.length === 0 ? (
        <p className="muted">{t('picker.none')}</p>
      ) : (
        <ol ref={list} className="media-list">
          {items.map((item, index) => {
            const position = index + 1
            const source = item.preview || item.media?.url
            return (
              <li key={item.key} className="media-item">
                {source && <img src={source} alt={t('picker.preview', { alt: alt || item.name, position })} />}
                {item.media === null && (
                  <div className="upload-progress">
                    <progress max={100} value={Math.round(item.progress * 100)} aria-label={t('picker.uploading', { name: item.name })} />
                    <span aria-hidden="true">{Math.round(item.progress * 100)} %</span>
                  </div>
                )}
                <div className="media-actions">
                  {!single && (
                    <>
                      <button
                        type="button"
                        data-focus={`${item.key}-earlier`}
                        aria-label={t('picker.moveEarlier', { position })}
                        disabled={index === 0}
                        onClick={() => moveItem(item.key, 'earlier')}
                      >
                        ←
                      </button>
                      <button
                        type="button"
                        data-focus={`${item.key}-later`}
                        aria-label={t('picker.moveLater', { position })}
                        disabled={index === items.length - 1}
                        onClick={() => moveItem(item.key, 'later')}
                      >
                        →
                      </button>
                    </>
                  )}
                  <button type="button" className="danger" aria-label={t('picker.remove', { position })} onClick={() => remove(item)}>
                    ✕
                  </button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      {!single && <p className="muted">{t('picker.count', { count: items.length, max })}</p>}
      <div className="field">
        <label htmlFor={id}>
          {single ? (items.length > 0 ? t('picker.replace') : t('picker.chooseOne')) : t('picker.choose')}
        </label>
        <input
          id={id}
          type="file"
          accept={ACCEPTED_TYPES}
          multiple={!single}
          disabled={full}
          aria-describedby={errors?.length ? `${hintId} ${errorId}` : hintId}
          aria-invalid={errors?.length ? true : undefined}
          onChange={pick}
        />
      </div>
      {failures.length > 0 && (
        <ul role="alert" className="field-error upload-failures">
          {failures.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  )
}
