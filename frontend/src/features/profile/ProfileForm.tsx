import { useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'
import { CheckboxField, SelectField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { isLanguage, LANGUAGES } from '../../i18n/languages'
import { parseTags } from '../contributions/tags'
import { countriesIn } from './countries'
import { useUpdateMe } from './useUpdateMe'

const FIELDS = /^(display_name|locale|research(\.(country|birth_year|interests)(\[\d+\])?)?)$/

export function ProfileForm({ me }: { me: Schemas['MeResponse'] }) {
  const { t } = useTranslation('profile')
  const { language } = useFormat()
  const update = useUpdateMe()
  const [displayName, setDisplayName] = useState(me.display_name)
  const [locale, setLocale] = useState(me.locale)
  const [consent, setConsent] = useState(me.research !== null && me.research !== undefined)
  const [country, setCountry] = useState(me.research?.country ?? '')
  const [birthYear, setBirthYear] = useState(me.research?.birth_year?.toString() ?? '')
  const [interests, setInterests] = useState((me.research?.interests ?? []).join(', '))
  const storedCountry = me.research?.country ?? ''
  const countries = useMemo(() => countriesIn(language, storedCountry), [language, storedCountry])
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(update.error, (path) => FIELDS.test(path))
  useFocusFirstProblem(form, update.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate({
      display_name: displayName,
      locale,
      research: consent
        ? {
            country: country === '' ? null : country,
            birth_year: birthYear.trim() === '' ? null : Number(birthYear),
            interests: parseTags(interests),
          }
        : null,
    })
  }
  return (
    <form ref={form} onSubmit={submit} className="stack">
      <FormAlert problem={problem} />
      <TextField
        label={t('displayName')}
        required
        maxLength={80}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
        errors={problem.fields.display_name}
      />
      <SelectField
        label={t('locale')}
        value={locale}
        onChange={(event) => {
          if (isLanguage(event.target.value)) setLocale(event.target.value)
        }}
        errors={problem.fields.locale}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`, { ns: 'common', lng: language })}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend>{t('research')}</legend>
        <CheckboxField
          label={t('researchConsent')}
          hint={t('researchHint')}
          checked={consent}
          onChange={(event) => setConsent(event.target.checked)}
          errors={problem.fields.research}
        />
        {consent && (
          <>
            <SelectField
              label={t('country')}
              value={country}
              onChange={(event) => setCountry(event.target.value)}
              errors={problem.fields['research.country']}
            >
              <option value="">{t('countryNotStated')}</option>
              {countries.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('birthYear')}
              type="number"
              min={1900}
              max={2100}
              value={birthYear}
              onChange={(event) => setBirthYear(event.target.value)}
              errors={problem.fields['research.birth_year']}
            />
            <TextField
              label={t('interests')}
              value={interests}
              onChange={(event) => setInterests(event.target.value)}
              errors={errorsAt(problem.fields, 'research.interests')}
            />
          </>
        )}
      </fieldset>
      <button type="submit" className="primary" disabled={update.isPending}>
        {update.isPending ? t('saving') : t('save')}
      </button>
      {update.isSuccess && <p role="status">{t('saved')}</p>}
    </form>
  )
}
