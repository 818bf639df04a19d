// Strings of the gallery's lightbox. Loaded with it (see registerLazyStrings), the first time
// someone opens an image; the cards' "Show larger" is in the contributions strings.
import type { Translation } from '../../../i18n/strings'

export const en = {
  close: 'Close',
  // "Previous entry": the first word shows, the second is for screen readers (the phone has room
  // for two short buttons side by side).
  previous: 'Previous',
  next: 'Next',
  entry: 'entry',
  position: 'Entry {{index}} of {{count}}',
  allImages: 'See all {{count}} images on the entry’s page',
}

export const de: Translation<typeof en> = {
  close: 'Schließen',
  previous: 'Vorheriger',
  next: 'Nächster',
  entry: 'Beitrag',
  position: 'Beitrag {{index}} von {{count}}',
  allImages: 'Alle {{count}} Bilder auf der Seite des Beitrags ansehen',
}
