// The profile page's notification settings: per category, whether it shows in the inbox and how
// often it is mailed (off, at once, daily or weekly digest). Saved together with one PUT.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { FormAlert } from '../../forms/FormAlert'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { QueryBoundary } from '../../ui/QueryStates'
import { CATEGORIES, categoryKeys, EMAIL_FREQUENCIES, isEmailFrequency, type Category } from './categories'
import { useNotificationSettings, useUpdateNotificationSettings, type CategorySetting, type NotificationSettings } from './queries'

/** Where links to the settings lead (`/me#notifications`). */
export const SETTINGS_ANCHOR = 'notifications'

const noField = () => false

function SettingsForm({ initial }: { initial: NotificationSettings }) {
  const { t } = useTranslation('notifications')
  const update = useUpdateNotificationSettings()
  // In our order; a category the API does not list (yet) is left out rather than invented.
  const [rows, setRows] = useState<CategorySetting[]>(() =>
    CATEGORIES.flatMap((category) => initial.categories.filter((setting) => setting.category === category)),
  )
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(update.error, noField)
  useFocusFirstProblem(form, update.error)

  function change(category: Category, changes: Partial<CategorySetting>) {
    update.reset()
    setRows((current) => current.map((row) => (row.category === category ? { ...row, ...changes } : row)))
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate({ categories: rows })
  }

  return (
    <form ref={form} onSubmit={submit} className="stack-sm">
      <FormAlert problem={problem} />
      <div className="table-scroll">
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.category')}</th>
              <th scope="col">{t('settings.inApp')}</th>
              <th scope="col">{t('settings.email')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const keys = categoryKeys(row.category)
              const label = t(keys.label)
              return (
                <tr key={row.category}>
                  <th scope="row">
                    {label}
                    <span className="hint">{t(keys.hint)}</span>
                  </th>
                  <td>
                    <label className="settings-choice">
                      <input
                        type="checkbox"
                        aria-label={t('settings.inAppOf', { category: label })}
                        checked={row.in_app}
                        onChange={(event) => change(row.category, { in_app: event.target.checked })}
                      />
                      <span className="phone-label" aria-hidden="true">
                        {t('settings.inApp')}
                      </span>
                    </label>
                  </td>
                  <td>
                    <label className="settings-choice">
                      <span className="phone-label" aria-hidden="true">
                        {t('settings.email')}
                      </span>
                      <select
                      aria-label={t('settings.emailOf', { category: label })}
                      value={row.email}
                      onChange={(event) => {
                        if (isEmailFrequency(event.target.value)) change(row.category, { email: event.target.value })
                      }}
                    >
                      {EMAIL_FREQUENCIES.map((frequency) => (
                        <option key={frequency} value={frequency}>
                          {t(`frequency.${frequency}`)}
                        </option>
                      ))}
                      </select>
                    </label>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('settings.saving') : t('settings.save')}
        </button>
        <Link to="/notifications">{t('settings.inboxLink')}</Link>
      </div>
      <p role="status" className="status-line">
        {update.isSuccess ? t('settings.saved') : ''}
      </p>
    </form>
  )
}

export function NotificationSettingsSection() {
  const { t } = useTranslation('notifications')
  const settings = useNotificationSettings()
  const section = useRef<HTMLElement>(null)
  const { hash } = useLocation()
  const loaded = settings.isSuccess

  // A link to `/me#notifications` (from the inbox or an email) lands here once the table is there.
  useEffect(() => {
    if (loaded && hash === `#${SETTINGS_ANCHOR}`) section.current?.scrollIntoView?.()
  }, [loaded, hash])

  return (
    <section ref={section} id={SETTINGS_ANCHOR} aria-labelledby="notification-settings-heading" className="stack-sm">
      <h2 id="notification-settings-heading">{t('settings.heading')}</h2>
      <p className="hint">{t('settings.intro')}</p>
      <QueryBoundary query={settings}>{(data) => <SettingsForm initial={data} />}</QueryBoundary>
    </section>
  )
}
