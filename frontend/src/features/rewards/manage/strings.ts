// Strings of the organisers' award tools on a campaign page (finalizing with a preview, moving an
// award along its statuses). Loaded with those tools (see registerLazyStrings): participants never
// need them.
import type { Translation } from '../../../i18n/strings'

export const en = {
  heading: 'Awards',
  intro: 'Voting has closed: create the awards from the final ranking and prize tiers. Preview them first; nothing is created until you confirm.',
  preview: 'Preview awards',
  previewHeading: 'Preview: who would get what',
  previewIntro: 'Nothing has been created yet. Check the ranks, amounts and splits, then confirm. Once finalized, awards cannot be recomputed.',
  previewEmpty: 'The ranking gives no awards: no prize tier matches a ranked entry.',
  back: 'Back',
  finalize: 'Finalize these awards',
  finalizing: 'Finalizing…',
  created: 'The awards were created.',
  alreadyFinalized: 'The awards had been finalized before; here they are.',
  none: 'No awards yet.',
  noneAfterFinalize: 'The ranking gave no awards: no prize tier matched a ranked entry.',
  note: 'Note (optional)',
  noteHint: 'Kept in the award’s audit log, e.g. a payment reference.',
  actions: 'Actions for “{{title}}”',
  approve: 'Approve',
  markPaid: 'Mark paid',
  cancel: 'Cancel award',
  cancelAction: 'cancel the award',
  cancelQuestion: 'Cancel this award? Points already paid are taken back.',
  updated: 'The award is now {{status}}.',
}

export const de: Translation<typeof en> = {
  heading: 'Preise',
  intro: 'Die Abstimmung ist beendet: Erzeuge die Preise aus der Endwertung und den Preisstufen. Sieh sie dir zuerst in der Vorschau an; angelegt wird erst, wenn du bestätigst.',
  preview: 'Vorschau der Preise',
  previewHeading: 'Vorschau: Wer bekäme was',
  previewIntro: 'Noch ist nichts angelegt. Prüfe Plätze, Beträge und Aufteilungen und bestätige dann. Einmal festgelegt, werden Preise nicht neu berechnet.',
  previewEmpty: 'Die Wertung ergibt keine Preise: Keine Preisstufe passt zu einem gewerteten Beitrag.',
  back: 'Zurück',
  finalize: 'Diese Preise festlegen',
  finalizing: 'Wird festgelegt…',
  created: 'Die Preise wurden angelegt.',
  alreadyFinalized: 'Die Preise waren schon festgelegt; hier sind sie.',
  none: 'Noch keine Preise.',
  noneAfterFinalize: 'Die Wertung ergab keine Preise: Keine Preisstufe passte zu einem gewerteten Beitrag.',
  note: 'Notiz (optional)',
  noteHint: 'Wird im Protokoll des Preises gespeichert, z. B. eine Zahlungsreferenz.',
  actions: 'Aktionen für „{{title}}“',
  approve: 'Freigeben',
  markPaid: 'Als ausgezahlt markieren',
  cancel: 'Preis stornieren',
  cancelAction: 'stornieren',
  cancelQuestion: 'Diesen Preis stornieren? Bereits gutgeschriebene Punkte werden zurückgenommen.',
  updated: 'Der Preis ist jetzt: {{status}}.',
}
