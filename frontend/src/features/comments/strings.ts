// Strings of the comment thread under a contribution.
import type { Translation } from '../../i18n/strings'

export const en = {
  heading: 'Comments',
  empty: 'No comments yet.',
  emptyInvite: 'No comments yet. Start the conversation.',
  signIn: 'Sign in to comment',
  closed: 'Comments are closed.',
  notYet: 'Comments open once the contribution is published.',
  deleted: 'Comment deleted',
  by: '{{name}}',
  repliesLabel: 'Replies to {{name}}',
  form: {
    label: 'Your comment',
    replyLabel: 'Your reply to {{name}}',
    hint: 'Plain text, up to 5000 characters.',
    submit: 'Post comment',
    submitReply: 'Post reply',
    posting: 'Posting…',
    posted: 'Your comment was posted.',
    cancel: 'Cancel',
  },
  actions: {
    reply: 'Reply',
    replyTo: 'Reply to {{name}}',
    delete: 'Delete',
    deleteAction: 'delete it',
    deleteQuestion: 'Delete this comment? Its words will be gone.',
    deleted: 'The comment was deleted.',
    reportComment: 'Report the comment by {{name}}',
  },
  report: {
    heading: 'Report this comment',
    already: 'You have already reported this comment. The moderators will look at it.',
  },
}

export const de: Translation<typeof en> = {
  heading: 'Kommentare',
  empty: 'Noch keine Kommentare.',
  emptyInvite: 'Noch keine Kommentare. Beginne das Gespräch.',
  signIn: 'Zum Kommentieren anmelden',
  closed: 'Die Kommentare sind geschlossen.',
  notYet: 'Kommentare sind möglich, sobald der Beitrag veröffentlicht ist.',
  deleted: 'Kommentar gelöscht',
  by: '{{name}}',
  repliesLabel: 'Antworten an {{name}}',
  form: {
    label: 'Dein Kommentar',
    replyLabel: 'Deine Antwort an {{name}}',
    hint: 'Reiner Text, bis zu 5000 Zeichen.',
    submit: 'Kommentar senden',
    submitReply: 'Antwort senden',
    posting: 'Wird gesendet …',
    posted: 'Dein Kommentar wurde veröffentlicht.',
    cancel: 'Abbrechen',
  },
  actions: {
    reply: 'Antworten',
    replyTo: 'Antworten an {{name}}',
    delete: 'Löschen',
    deleteAction: 'löschen',
    deleteQuestion: 'Diesen Kommentar löschen? Sein Text ist dann weg.',
    deleted: 'Der Kommentar wurde gelöscht.',
    reportComment: 'Kommentar von {{name}} melden',
  },
  report: {
    heading: 'Diesen Kommentar melden',
    already: 'Du hast diesen Kommentar schon gemeldet. Die Moderation sieht es sich an.',
  },
}
