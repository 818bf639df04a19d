// Typed translation keys: `t('nav.signIn')` is checked against the English strings.
import 'i18next'
import type { Namespaces } from './resources'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: Namespaces
  }
}
