// Strings of reach: invitation channels (organisers) and personal invite links (participants).
import type { Translation } from '../../i18n/strings'

export const en = {
  kind: {
    newsletter: 'Newsletter',
    community: 'Community',
    social: 'Social media',
    partner: 'Partner',
    other: 'Other',
  },
  source: {
    referral: 'Invitations by participants',
    direct: 'Direct (no invitation link)',
  },
  channels: {
    pageTitle: 'Invitation channels: {{campaign}} · Schwarm',
    heading: 'Invitation channels',
    intro:
      'Open a channel for each place you invite people: a newsletter, a forum, a social account, a partner. Share its link there; the analytics then show who came through which channel and what they did.',
    listHeading: 'Channels',
    empty: 'No channels yet. Open the first one below and share its link where your community is.',
    created: 'opened {{date}}',
    link: 'Link of “{{name}}”',
    copy: 'Copy link',
    copyContext: 'of “{{name}}”',
    toAnalytics: 'See how the channels perform',
  },
  create: {
    heading: 'Open a channel',
    name: 'Name',
    nameHint: 'Where you share the link, e.g. “Design forum X” or “June newsletter”.',
    nameTaken: 'This campaign already has a channel with this name. Choose another name.',
    kind: 'Kind',
    submit: 'Open channel',
    submitting: 'Opening…',
    done: 'The channel “{{name}}” is open. Copy its link from the list.',
  },
  invite: {
    heading: 'Invite friends',
    intro: 'Share your personal link. You see how many people came through it and took part.',
    introPoints_one:
      'Share your personal link: for everyone who comes through it and takes part, you earn {{points}} point.',
    introPoints_other:
      'Share your personal link: for everyone who comes through it and takes part, you earn {{points}} points.',
    get: 'Get my invite link',
    getting: 'Getting your link…',
    link: 'Your invite link',
    linkFor: 'Your invite link for “{{campaign}}”',
    forCampaign: 'for “{{campaign}}”',
    copy: 'Copy link',
    visitors: 'Visitors',
    signUps: 'Sign-ups',
    conversions: 'Took part',
  },
}

export const de: Translation<typeof en> = {
  kind: {
    newsletter: 'Newsletter',
    community: 'Community',
    social: 'Soziale Medien',
    partner: 'Partner',
    other: 'Sonstiges',
  },
  source: {
    referral: 'Einladungen von Teilnehmenden',
    direct: 'Direkt (ohne Einladungslink)',
  },
  channels: {
    pageTitle: 'Einladungskanäle: {{campaign}} · Schwarm',
    heading: 'Einladungskanäle',
    intro:
      'Lege für jeden Ort, an dem du einlädst, einen Kanal an: einen Newsletter, ein Forum, ein Social-Media-Konto, einen Partner. Teile dort seinen Link; die Auswertung zeigt dann, wer über welchen Kanal kam und was er tat.',
    listHeading: 'Kanäle',
    empty: 'Noch keine Kanäle. Lege unten den ersten an und teile seinen Link dort, wo deine Community ist.',
    created: 'angelegt am {{date}}',
    link: 'Link von „{{name}}“',
    copy: 'Link kopieren',
    copyContext: 'von „{{name}}“',
    toAnalytics: 'Sehen, wie die Kanäle wirken',
  },
  create: {
    heading: 'Kanal anlegen',
    name: 'Name',
    nameHint: 'Wo du den Link teilst, z. B. „Designforum X“ oder „Newsletter Juni“.',
    nameTaken: 'Diese Kampagne hat schon einen Kanal mit diesem Namen. Wähle einen anderen Namen.',
    kind: 'Art',
    submit: 'Kanal anlegen',
    submitting: 'Wird angelegt …',
    done: 'Der Kanal „{{name}}“ ist angelegt. Kopiere seinen Link aus der Liste.',
  },
  invite: {
    heading: 'Freunde einladen',
    intro: 'Teile deinen persönlichen Link. Du siehst, wie viele darüber kamen und mitgemacht haben.',
    introPoints_one: 'Teile deinen persönlichen Link: Für alle, die darüber kommen und mitmachen, bekommst du {{points}} Punkt.',
    introPoints_other: 'Teile deinen persönlichen Link: Für alle, die darüber kommen und mitmachen, bekommst du {{points}} Punkte.',
    get: 'Meinen Einladungslink holen',
    getting: 'Dein Link wird geholt …',
    link: 'Dein Einladungslink',
    linkFor: 'Dein Einladungslink für „{{campaign}}“',
    forCampaign: 'für „{{campaign}}“',
    copy: 'Link kopieren',
    visitors: 'Besucher',
    signUps: 'Registrierungen',
    conversions: 'Haben mitgemacht',
  },
}
