// Strings of the moderation queue and the moderation log.
import type { Translation } from '../../i18n/strings'

export const en = {
  queue: {
    pageTitle: 'Moderation: {{campaign}} · Schwarm',
    heading: 'Moderation queue',
    intro: 'Entries awaiting approval and reported entries, the most reported first.',
    empty: 'Nothing to moderate right now.',
    reports_one: 'Reported once',
    reports_other: 'Reported {{count}} times',
    notReported: 'Not reported',
  },
  actions: {
    label: 'Decision on “{{title}}”',
    reason: 'Reason (the authors see it; required to reject or hide)',
    approve: 'Approve',
    reject: 'Reject',
    hide: 'Hide',
    restore: 'Restore',
    done_approve: 'Approved.',
    done_reject: 'Rejected.',
    done_hide: 'Hidden.',
    done_restore: 'Restored.',
    changedMeanwhile:
      'This entry changed while you were deciding (its authors edited it, or another moderator decided). Nothing was changed; the list now shows it as it stands: please look at it again.',
  },
  comments: {
    heading: 'Reported comments',
    empty: 'No reported comments.',
    on: 'On this contribution',
    by: '{{name}}, {{date}}',
    delete: 'Delete comment',
    deleteAction: 'delete it',
    deleteQuestion: 'Delete this comment? Its words will be gone for everyone.',
    deleted: 'Comment deleted.',
  },
  log: {
    heading: 'Moderation log',
    empty: 'No decisions yet.',
    entry: '{{date}}: {{decision}} ({{from}} → {{to}})',
    reason: 'Reason: {{reason}}',
  },
}

export const de: Translation<typeof en> = {
  queue: {
    pageTitle: 'Moderation: {{campaign}} · Schwarm',
    heading: 'Moderations-Warteschlange',
    intro: 'Beiträge, die auf Freigabe warten, und gemeldete Beiträge, die meistgemeldeten zuerst.',
    empty: 'Gerade gibt es nichts zu moderieren.',
    reports_one: 'Einmal gemeldet',
    reports_other: '{{count}}-mal gemeldet',
    notReported: 'Nicht gemeldet',
  },
  actions: {
    label: 'Entscheidung zu „{{title}}“',
    reason: 'Begründung (die Autoren sehen sie; nötig zum Ablehnen oder Ausblenden)',
    approve: 'Freigeben',
    reject: 'Ablehnen',
    hide: 'Ausblenden',
    restore: 'Wiederherstellen',
    done_approve: 'Freigegeben.',
    done_reject: 'Abgelehnt.',
    done_hide: 'Ausgeblendet.',
    done_restore: 'Wiederhergestellt.',
    changedMeanwhile:
      'Dieser Beitrag hat sich geändert, während du entschieden hast (die Autoren haben ihn bearbeitet, oder jemand anderes aus der Moderation hat entschieden). Es wurde nichts geändert; die Liste zeigt ihn jetzt im aktuellen Stand: Bitte sieh ihn dir noch einmal an.',
  },
  comments: {
    heading: 'Gemeldete Kommentare',
    empty: 'Keine gemeldeten Kommentare.',
    on: 'Zum Beitrag',
    by: '{{name}}, {{date}}',
    delete: 'Kommentar löschen',
    deleteAction: 'löschen',
    deleteQuestion: 'Diesen Kommentar löschen? Sein Text ist dann für alle weg.',
    deleted: 'Kommentar gelöscht.',
  },
  log: {
    heading: 'Moderationsprotokoll',
    empty: 'Noch keine Entscheidungen.',
    entry: '{{date}}: {{decision}} ({{from}} → {{to}})',
    reason: 'Begründung: {{reason}}',
  },
}
