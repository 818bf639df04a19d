// Strings of my timeline: my journey through the campaigns I took part in.
import type { Translation } from '../../i18n/strings'

export const en = {
  pageTitle: 'My timeline · Schwarm',
  heading: 'My timeline',
  intro: 'Every campaign you took part in: how you came, what you did there and what you earned. Invite friends to any of them.',
  backToProfile: 'My profile',
  empty: 'You have not taken part in a campaign yet. Find one that interests you, vote or contribute, and it appears here.',
  discover: 'Discover campaigns',
  showMore: 'Show more campaigns',
  stepsLabel: 'Your steps in “{{campaign}}”',
  step: {
    firstVisit: 'First visit',
    viaChannel: 'First visit through “{{name}}” ({{kind}})',
    viaReferral: 'First visit through an invitation from a participant',
    direct: 'First visit, directly (no invitation link)',
    signedUp: 'Created your Schwarm account here',
    joined: 'Joined the campaign',
    firstVote: 'First vote',
    noVote: 'No vote yet',
    firstContribution: 'First contribution',
    noContribution: 'No contribution yet',
  },
  votes: 'Votes',
  contributions: 'Contributions',
  points: 'Points',
}

export const de: Translation<typeof en> = {
  pageTitle: 'Mein Verlauf · Schwarm',
  heading: 'Mein Verlauf',
  intro:
    'Jede Kampagne, bei der du mitgemacht hast: wie du kamst, was du dort getan und was du bekommen hast. Lade Freunde zu jeder davon ein.',
  backToProfile: 'Mein Profil',
  empty:
    'Du hast noch bei keiner Kampagne mitgemacht. Such dir eine aus, die dich interessiert, stimme ab oder reiche etwas ein, dann erscheint sie hier.',
  discover: 'Kampagnen entdecken',
  showMore: 'Weitere Kampagnen zeigen',
  stepsLabel: 'Deine Schritte bei „{{campaign}}“',
  step: {
    firstVisit: 'Erster Besuch',
    viaChannel: 'Erster Besuch über „{{name}}“ ({{kind}})',
    viaReferral: 'Erster Besuch über die Einladung einer teilnehmenden Person',
    direct: 'Erster Besuch, direkt (ohne Einladungslink)',
    signedUp: 'Hier dein Schwarm-Konto angelegt',
    joined: 'Der Kampagne beigetreten',
    firstVote: 'Erste Stimme',
    noVote: 'Noch keine Stimme',
    firstContribution: 'Erster Beitrag',
    noContribution: 'Noch kein Beitrag',
  },
  votes: 'Stimmen',
  contributions: 'Beiträge',
  points: 'Punkte',
}
