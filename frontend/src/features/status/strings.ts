// Strings of the API status page.
import type { Translation } from '../../i18n/strings'

export const en = {
  pageTitle: 'API status · Schwarm',
  heading: 'API status',
  loading: 'Checking the API…',
  healthy: 'API: {{status}} (version {{version}})',
  problem: 'The API reported a problem: {{title}} ({{detail}}). HTTP {{status}}.',
  problemNoDetail: 'The API reported a problem: {{title}}. HTTP {{status}}.',
  httpError: 'The API answered with an unexpected HTTP {{status}}.',
  unreachable: 'The API could not be reached. Check your connection and try again.',
  retry: 'Try again',
}

export const de: Translation<typeof en> = {
  pageTitle: 'API-Status · Schwarm',
  heading: 'API-Status',
  loading: 'Die API wird geprüft …',
  healthy: 'API: {{status}} (Version {{version}})',
  problem: 'Die API meldet ein Problem: {{title}} ({{detail}}). HTTP {{status}}.',
  problemNoDetail: 'Die API meldet ein Problem: {{title}}. HTTP {{status}}.',
  httpError: 'Die API hat unerwartet mit HTTP {{status}} geantwortet.',
  unreachable: 'Die API ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
  retry: 'Erneut versuchen',
}
