import { partialMatchKey, type QueryKey } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import {
  campaignKeys,
  commentKeys,
  contributionKeys,
  fundingKeys,
  meKeys,
  moderationKeys,
  notificationKeys,
  organizationKeys,
  pledgeKeys,
  reachKeys,
  rewardKeys,
  sessionKeys,
  taskKeys,
  timelineKeys,
  tokenKeys,
  webhookKeys,
  workKeys,
} from './queryKeys'

/** Whether invalidating or removing `prefix` reaches `key`. */
const reaches = (prefix: QueryKey, key: QueryKey) => partialMatchKey(key, prefix)

describe('query keys', () => {
  it('put everything of the signed-in user under one prefix, which sign-out removes', () => {
    const mine = [
      meKeys.account(),
      organizationKeys.mine(),
      rewardKeys.mine(),
      timelineKeys.mine(),
      tokenKeys.mine(),
      sessionKeys.mine(),
      reachKeys.myReferral('c1'),
      notificationKeys.inbox(true),
      notificationKeys.unread(),
      notificationKeys.settings(),
      pledgeKeys.mine(),
      workKeys.settings('c1'),
      workKeys.claimList('rejected'),
    ]
    for (const key of mine) expect(reaches(meKeys.all, key), JSON.stringify(key)).toBe(true)
    expect(reaches(meKeys.all, organizationKeys.detail('acme'))).toBe(false)
  })

  it('keep campaign lists apart from single campaigns', () => {
    expect(reaches(campaignKeys.lists(), campaignKeys.list({ organization: 'acme' }))).toBe(true)
    expect(reaches(campaignKeys.lists(), campaignKeys.detail('summer-bottle'))).toBe(false)
    expect(reaches(campaignKeys.details(), campaignKeys.detail('c1'))).toBe(true)
  })

  it('reach every gallery and every moderation view from their prefixes, and nothing else', () => {
    expect(reaches(contributionKeys.galleries(), contributionKeys.gallery('c1', 'new', 'seed'))).toBe(true)
    expect(reaches(contributionKeys.galleries(), contributionKeys.detail('k1'))).toBe(false)
    expect(reaches(contributionKeys.details(), contributionKeys.revisions('k1'))).toBe(false)
    expect(reaches(contributionKeys.galleries(), contributionKeys.revisions('k1'))).toBe(false)
    const openReports = moderationKeys.reports('c1', { status: 'open', targetId: null })
    const entryHistory = moderationKeys.reports('c1', { status: 'resolved', targetId: 'k1' })
    for (const key of [moderationKeys.queue('c1'), openReports, entryHistory, moderationKeys.log('k1')]) {
      expect(reaches(moderationKeys.all, key)).toBe(true)
    }
    expect(reaches(moderationKeys.reportLists(), openReports)).toBe(true)
    expect(reaches(moderationKeys.reportLists(), entryHistory)).toBe(true)
    expect(reaches(moderationKeys.reportLists(), moderationKeys.queue('c1'))).toBe(false)
    expect(reaches(moderationKeys.all, commentKeys.thread('k1'))).toBe(false)
  })

  it('refresh an organization’s members without its profile', () => {
    expect(reaches(organizationKeys.members('acme'), organizationKeys.detail('acme'))).toBe(false)
  })

  it('refresh the inbox and the bell after marking read, without refetching the settings', () => {
    for (const key of [notificationKeys.inbox(false), notificationKeys.inbox(true)]) {
      expect(reaches(notificationKeys.inboxes(), key)).toBe(true)
    }
    expect(reaches(notificationKeys.inboxes(), notificationKeys.unread())).toBe(false)
    expect(reaches(notificationKeys.inboxes(), notificationKeys.settings())).toBe(false)
  })

  it('keep one endpoint’s deliveries apart from another’s', () => {
    expect(reaches(webhookKeys.deliveries('w1'), webhookKeys.deliveries('w2'))).toBe(false)
    expect(reaches(webhookKeys.all, webhookKeys.list('acme'))).toBe(true)
  })

  it('reach every part of one campaign’s funding from its prefix, and nothing of another campaign', () => {
    for (const key of [fundingKeys.detail('c1'), fundingKeys.report('c1'), fundingKeys.backers('c1', 'errored')]) {
      expect(reaches(fundingKeys.campaign('c1'), key)).toBe(true)
    }
    expect(reaches(fundingKeys.backerLists('c1'), fundingKeys.backers('c1', null))).toBe(true)
    expect(reaches(fundingKeys.campaign('c1'), fundingKeys.detail('c2'))).toBe(false)
  })

  it('reach every part of one campaign’s micro-tasks from its prefix, and my claims from theirs', () => {
    for (const key of [taskKeys.list('c1', 'all'), taskKeys.claims('c1', 'submitted'), taskKeys.workers('c1'), taskKeys.progress('c1')]) {
      expect(reaches(taskKeys.campaign('c1'), key)).toBe(true)
    }
    expect(reaches(taskKeys.campaign('c1'), taskKeys.progress('c2'))).toBe(false)
    expect(reaches(workKeys.claims(), workKeys.claimList(null))).toBe(true)
    expect(reaches(workKeys.claims(), workKeys.settings('c1'))).toBe(false)
  })
})
