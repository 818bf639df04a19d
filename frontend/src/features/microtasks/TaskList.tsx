// The campaign's tasks (managers), all or those taking answers, retired or gold: what each shows,
// where it stands, its answers against those wanted, and its result so far with how many agree.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { AnswerView } from './AnswerView'
import { useTasks, type AnswerForm, type TaskListFilter } from './queries'
import { useTaskExcerpt } from './wording'

const FILTERS: readonly TaskListFilter[] = ['all', 'available', 'retired', 'gold']

export function TaskList({ campaignId, form }: { campaignId: string; form: AnswerForm }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const excerpt = useTaskExcerpt()
  const [filter, setFilter] = useState<TaskListFilter>('all')
  const tasks = useTasks(campaignId, filter)
  const ids = useId()
  return (
    <section aria-labelledby={`${ids}-heading`} className="stack-sm">
      <h2 id={`${ids}-heading`}>{t('tasks.listHeading')}</h2>
      <div className="field list-filter">
        <label htmlFor={`${ids}-filter`}>{t('tasks.filter')}</label>
        <select
          id={`${ids}-filter`}
          value={filter}
          onChange={(event) => setFilter(FILTERS.find((value) => value === event.target.value) ?? 'all')}
        >
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(`tasks.filter_${value}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryBoundary query={tasks}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{filter === 'all' ? t('tasks.empty') : t('tasks.emptyFilter')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('tasks.listHeading')}>
                <table className="task-table">
                  <caption className="visually-hidden">{t('tasks.listHeading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('tasks.task')}</th>
                      <th scope="col">{t('tasks.state')}</th>
                      <th scope="col" className="num">
                        {t('tasks.answers')}
                      </th>
                      <th scope="col">{t('tasks.result')}</th>
                      <th scope="col" className="num">
                        {t('tasks.points')}
                      </th>
                      <th scope="col" className="num">
                        {t('tasks.priorityColumn')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((task) => {
                      // Counts are for managers; absent ones read as none.
                      const answers = task.answers ?? 0
                      const held = (task.taken ?? 0) - answers
                      return (
                        <tr key={task.id}>
                          <th scope="row" className="task-cell">
                            {excerpt(task, 80)}
                            {task.gold && (
                              <>
                                {' '}
                                <span className="badge gold">{t('task.gold')}</span>
                              </>
                            )}
                          </th>
                          <td>
                            {task.state ? t(`tasks.state_${task.state}`) : '–'}
                            {task.retired_reason && <span className="hint">{t(`tasks.retired_${task.retired_reason}`)}</span>}
                          </td>
                          <td className="num">
                            {t('tasks.answersOf', { answers: format.number(answers), redundancy: format.number(task.redundancy) })}
                            {held > 0 && <span className="hint">{t('tasks.held', { count: held })}</span>}
                          </td>
                          <td>
                            {task.result ? (
                              <>
                                <AnswerView form={form} answer={task.result.answer} imageUrl={task.image_url} />
                                <span className="hint">{t('tasks.agreement', { percent: format.percent(task.result.agreement_percent / 100) })}</span>
                              </>
                            ) : (
                              <span className="muted">{t('tasks.noResult')}</span>
                            )}
                          </td>
                          <td className="num">{format.number(task.reward_points)}</td>
                          <td className="num">{format.number(task.priority)}</td>
                        </tr>
                      )
                    })}
                  </tbody>
                </table>
              </div>
              {tasks.hasNextPage && (
                <LoadMore hasMore auto={false} loading={tasks.isFetchingNextPage} onLoadMore={() => void tasks.fetchNextPage()} />
              )}
            </>
          )
        }}
      </QueryBoundary>
    </section>
  )
}
