import { expect, it } from 'vitest'
import { attachedItems } from '../../media/mediaItems'
import { emptyDraft, toCreateRequest, toUpdateRequest } from './draft'

const cover = (id: string) => attachedItems([{ id, url: `/api/v1/media/${id}` }])

it('sends the cover on create, and on edit only when it changed (null removes it)', () => {
  expect(toCreateRequest({ ...emptyDraft(), cover: cover('m1') }).cover_media_id).toBe('m1')
  expect(toCreateRequest(emptyDraft()).cover_media_id).toBeNull()

  const unchanged = toUpdateRequest({ ...emptyDraft(), cover: cover('m1') }, true, 'm1')
  expect(unchanged).not.toHaveProperty('cover_media_id')
  expect(toUpdateRequest({ ...emptyDraft(), cover: cover('m2') }, true, 'm1').cover_media_id).toBe('m2')
  const removed = toUpdateRequest(emptyDraft(), false, 'm1')
  expect(removed).toHaveProperty('cover_media_id', null)
  expect(toUpdateRequest(emptyDraft(), false, null)).not.toHaveProperty('cover_media_id')
})
