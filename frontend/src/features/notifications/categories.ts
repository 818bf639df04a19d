// The notification categories in the order the settings list them, each with the keys of its
// label and explanation, and the email frequencies. `Record`s over the generated unions: a
// category the API adds does not compile until it has words here.
import type { Schemas } from '../../api/types'
import type { en } from './strings'

export type Category = Schemas['Category']
export type EmailFrequency = Schemas['EmailFrequency']

type CategoryKey = Exclude<keyof typeof en.category, `${string}Hint`>

const KEYS: Record<Category, CategoryKey> = {
  my_contributions: 'myContributions',
  co_authorship: 'coAuthorship',
  comments: 'comments',
  moderation: 'moderation',
  campaign_news: 'campaignNews',
  awards: 'awards',
  pledges: 'pledges',
  tasks: 'tasks',
  account: 'account',
}

export const CATEGORIES = Object.keys(KEYS) as Category[]

const FREQUENCIES_BY_NAME: Record<EmailFrequency, true> = { off: true, immediate: true, daily: true, weekly: true }
export const EMAIL_FREQUENCIES = Object.keys(FREQUENCIES_BY_NAME) as EmailFrequency[]

export function isEmailFrequency(value: string): value is EmailFrequency {
  return Object.hasOwn(FREQUENCIES_BY_NAME, value)
}

/** The strings keys of a category's label and its one-line explanation. */
export function categoryKeys(category: Category): { label: `category.${CategoryKey}`; hint: `category.${CategoryKey}Hint` } {
  const key = KEYS[category]
  return { label: `category.${key}`, hint: `category.${key}Hint` }
}
