// Strings of sign-in, registration and sign-out. The pages mailed links lead to (a new password,
// the address confirmed) have theirs in recovery/strings.ts, loaded with them.
import type { Translation } from '../../i18n/strings'

export const en = {
  login: {
    pageTitle: 'Sign in · Schwarm',
    heading: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    noAccount: 'New here?',
    registerLink: 'Create an account',
    wrongCredentials: 'The email or password is wrong.',
    forgot: 'Forgot your password?',
    passwordReset: 'Your new password is set, and you were signed out on every device. Sign in with it now.',
  },
  register: {
    pageTitle: 'Register · Schwarm',
    heading: 'Create your account',
    displayName: 'Display name',
    displayNameHint: 'Shown to others with your contributions.',
    email: 'Email',
    password: 'Password',
    passwordHint: 'At least 10 characters, and not your email address.',
    submit: 'Create account',
    submitting: 'Creating your account…',
    haveAccount: 'Already registered?',
    loginLink: 'Sign in',
  },
  required: {
    heading: 'Please sign in',
    explanation: 'You need to be signed in to see this page.',
  },
}

export const de: Translation<typeof en> = {
  login: {
    pageTitle: 'Anmelden · Schwarm',
    heading: 'Anmelden',
    email: 'E-Mail',
    password: 'Passwort',
    submit: 'Anmelden',
    submitting: 'Anmeldung läuft …',
    noAccount: 'Neu hier?',
    registerLink: 'Konto anlegen',
    wrongCredentials: 'E-Mail oder Passwort ist falsch.',
    forgot: 'Passwort vergessen?',
    passwordReset: 'Dein neues Passwort ist gesetzt, und du wurdest auf allen Geräten abgemeldet. Melde dich jetzt damit an.',
  },
  register: {
    pageTitle: 'Registrieren · Schwarm',
    heading: 'Konto anlegen',
    displayName: 'Anzeigename',
    displayNameHint: 'Andere sehen ihn bei deinen Beiträgen.',
    email: 'E-Mail',
    password: 'Passwort',
    passwordHint: 'Mindestens 10 Zeichen und nicht deine E-Mail-Adresse.',
    submit: 'Konto anlegen',
    submitting: 'Dein Konto wird angelegt …',
    haveAccount: 'Schon registriert?',
    loginLink: 'Anmelden',
  },
  required: {
    heading: 'Bitte melde dich an',
    explanation: 'Diese Seite siehst du nur angemeldet.',
  },
}
