// Strings of the person picker: finding someone by name or email address to add them to a form.
import type { Translation } from '../../i18n/strings'

export const en = {
  picker: {
    hint: 'Type at least 2 letters of their name, or their whole email address.',
    placeholder: 'Name or email address',
    results: 'People found',
    since: 'joined {{date}}',
    searching: 'Searching…',
    found_one: '{{count}} person found. Use the arrow keys to choose, Enter to pick.',
    found_other: '{{count}} people found. Use the arrow keys to choose, Enter to pick.',
    foundByEmail: 'The address belongs to {{name}}. Press Enter to pick them.',
    noOne: 'No one found.',
    noAccount: 'No account with this address — ask them to sign up first.',
    remove: 'Remove {{name}}',
    pickOne: 'Pick a person from the list.',
  },
}

export const de: Translation<typeof en> = {
  picker: {
    hint: 'Gib mindestens 2 Buchstaben des Namens ein oder die vollständige E-Mail-Adresse.',
    placeholder: 'Name oder E-Mail-Adresse',
    results: 'Gefundene Personen',
    since: 'dabei seit {{date}}',
    searching: 'Suche läuft …',
    found_one: '{{count}} Person gefunden. Mit den Pfeiltasten auswählen, mit Enter übernehmen.',
    found_other: '{{count}} Personen gefunden. Mit den Pfeiltasten auswählen, mit Enter übernehmen.',
    foundByEmail: 'Die Adresse gehört zu {{name}}. Mit Enter übernehmen.',
    noOne: 'Niemand gefunden.',
    noAccount: 'Kein Konto mit dieser Adresse – bitte die Person, sich zuerst zu registrieren.',
    remove: '{{name}} entfernen',
    pickOne: 'Wähle eine Person aus der Liste.',
  },
}
