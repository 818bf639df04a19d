// Strings of the not-found page.
import type { Translation } from '../../i18n/strings'

export const en = {
  pageTitle: 'Page not found · Schwarm',
  heading: 'Page not found',
  explanation: 'There is nothing at this address. It may have moved, or the link may be mistyped.',
  home: 'Go to the home page',
}

export const de: Translation<typeof en> = {
  pageTitle: 'Seite nicht gefunden · Schwarm',
  heading: 'Seite nicht gefunden',
  explanation: 'Unter dieser Adresse gibt es nichts. Vielleicht wurde sie verschoben oder falsch geschrieben.',
  home: 'Zur Startseite',
}
