// `/c/:slug/tasks` (a micro-task campaign's owners and managers; loaded lazily): four tabs, the
// chosen one in the address (`?tab=settings|tasks|review|quality`), so a link or a reload opens
// it again. The question and rules come first: tasks are added once the question is set.
import { useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { ErrorAlert, Loading } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { canManage, useMyRole } from '../organizations/queries'
import { AddTaskForm } from './AddTaskForm'
import { ImportTasks } from './ImportTasks'
import { QualityTab } from './QualityTab'
import { hasCode, useTaskSettings, type TaskSettings } from './queries'
import { ReviewTab } from './ReviewQueue'
import * as strings from './strings'
import { TaskList } from './TaskList'
import { TaskSettingsForm } from './TaskSettingsForm'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('microtasks', strings)

const TABS = ['settings', 'tasks', 'review', 'quality'] as const
type Tab = (typeof TABS)[number]

function tabOf(value: string | null): Tab {
  return TABS.find((tab) => tab === value) ?? 'settings'
}

/** Tabs as WAI-ARIA describes them: arrows, Home and End move between them and open the one reached. */
function Tabs({ current, onPick }: { current: Tab; onPick: (tab: Tab) => void }) {
  const { t } = useTranslation('microtasks')
  const buttons = useRef(new Map<Tab, HTMLButtonElement>())

  function key(event: KeyboardEvent, index: number) {
    const last = TABS.length - 1
    const to =
      event.key === 'ArrowRight' ? (index + 1) % TABS.length
      : event.key === 'ArrowLeft' ? (index + last) % TABS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null
    if (to === null) return
    event.preventDefault()
    onPick(TABS[to])
    // Every tab is always rendered, so the one reached can take focus now.
    buttons.current.get(TABS[to])?.focus()
  }

  return (
    <div role="tablist" aria-label={t('dashboard.tabs')} className="tabs">
      {TABS.map((tab, index) => (
        <button
          key={tab}
          ref={(button) => {
            if (button) buttons.current.set(tab, button)
            else buttons.current.delete(tab)
          }}
          id={`tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={current === tab}
          aria-controls={`panel-${tab}`}
          tabIndex={current === tab ? 0 : -1}
          onClick={() => onPick(tab)}
          onKeyDown={(event) => key(event, index)}
        >
          {t(`dashboard.tab_${tab}`)}
        </button>
      ))}
    </div>
  )
}

function Panel({ tab, campaign, settings }: { tab: Tab; campaign: Campaign; settings: TaskSettings | null }) {
  const { t } = useTranslation('microtasks')
  if (tab === 'settings') return <TaskSettingsForm campaignId={campaign.id} settings={settings} />
  if (settings === null) return <p className="notice">{t('dashboard.needsQuestion')}</p>
  switch (tab) {
    case 'tasks':
      return (
        <>
          <div className="task-forms">
            <section className="card">
              <AddTaskForm campaignId={campaign.id} settings={settings} />
            </section>
            <section className="card">
              <ImportTasks campaignId={campaign.id} kind={settings.answer_form.kind} />
            </section>
          </div>
          <TaskList campaignId={campaign.id} form={settings.answer_form} />
        </>
      )
    case 'review':
      return <ReviewTab campaign={campaign} />
    case 'quality':
      return <QualityTab campaign={campaign} />
  }
}

function Dashboard({ campaign }: { campaign: Campaign }) {
  const settings = useTaskSettings(campaign.id)
  const [params, setParams] = useSearchParams()
  const tab = tabOf(params.get('tab'))
  if (settings.isPending) return <Loading />
  const notConfigured = settings.isError && hasCode(settings.error, 'tasks.not_configured')
  if (settings.isError && !notConfigured) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
  return (
    <>
      <Tabs current={tab} onPick={(next) => setParams({ tab: next }, { replace: true })} />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0} className="stack tab-panel">
        <Panel tab={tab} campaign={campaign} settings={settings.data ?? null} />
      </div>
    </>
  )
}

function ForManagers({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const { role, isPending } = useMyRole(campaign.organization)
  if (campaign.kind !== 'microtask') return <p className="notice">{t('dashboard.wrongKind')}</p>
  // Only managers run tasks and review answers: anyone else is told so without asking the API.
  if (isPending) return <Loading />
  if (!canManage(role)) return <p className="notice">{t('dashboard.notAllowed')}</p>
  return <Dashboard campaign={campaign} />
}

export function TaskDashboardPage() {
  const { t } = useTranslation('microtasks')
  return (
    <CampaignSubpage
      className="stack task-dashboard"
      title={(campaign) => t('dashboard.pageTitle', { campaign: campaign.title })}
      heading={() => t('dashboard.heading')}
    >
      {(campaign) => (
        <>
          <p className="lead narrow">{t('dashboard.intro')}</p>
          <ForManagers campaign={campaign} />
        </>
      )}
    </CampaignSubpage>
  )
}
