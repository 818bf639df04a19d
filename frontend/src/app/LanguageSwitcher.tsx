import { useTranslation } from 'react-i18next'
import { switchLanguage } from '../i18n'
import { isLanguage, LANGUAGES } from '../i18n/languages'

/** The header's language choice; each option is named in its own language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={i18n.language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void switchLanguage(event.target.value)
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`, { lng: language })}
          </option>
        ))}
      </select>
    </label>
  )
}
