// `/o/:slug/members`: who belongs to an organization and in which role. Owners manage everyone,
// managers manage moderators and jurors; the API enforces it and its answer is shown.
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ApiError } from '../../api/errors'
import { SelectField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { PageTitle } from '../../ui/PageTitle'
import { ErrorAlert, Loading, QueryBoundary } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import { PersonPicker } from '../people/PersonPicker'
import type { PickedPerson } from '../people/queries'
import { canManage, useMembers, useMyRole, useOrganization, usePutMember, useRemoveMember, type Role } from './queries'

const ROLES: readonly Role[] = ['owner', 'manager', 'moderator', 'juror']

function AddMemberForm({ slug }: { slug: string }) {
  const { t } = useTranslation('organizations')
  const put = usePutMember(slug)
  const [person, setPerson] = useState<PickedPerson | null>(null)
  const [role, setRole] = useState<Role>('moderator')
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(put.error, fieldsIn(['role']))
  useFocusFirstProblem(form, put.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    if (person === null) return
    put.mutate({ userId: person.id, role }, { onSuccess: () => setPerson(null) })
  }
  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">{t('members.addHeading')}</h2>
      <p className="hint">{t('members.addHint')}</p>
      <FormAlert problem={problem} />
      <PersonPicker label={t('members.person')} required value={person} onChange={setPerson} />
      <SelectField
        label={t('members.role')}
        value={role}
        onChange={(event) => setRole(ROLES.find((candidate) => candidate === event.target.value) ?? 'moderator')}
        errors={problem.fields.role}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`, { ns: 'common' })}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary" disabled={put.isPending}>
        {t('members.add')}
      </button>
      {put.isSuccess && <p role="status">{t('members.saved')}</p>}
    </form>
  )
}

function MemberTable({ slug, manager }: { slug: string; manager: boolean }) {
  const { t } = useTranslation('organizations')
  const format = useFormat()
  const me = useMe()
  const members = useMembers(slug)
  const put = usePutMember(slug)
  const remove = useRemoveMember(slug)
  if (members.error instanceof ApiError && members.error.status === 403) return <p className="notice">{t('members.notAllowed')}</p>
  return (
    <QueryBoundary query={members}>
      {(data) => (
        <>
          <div className="table-scroll">
            <table className="card-table">
              <thead>
                <tr>
                  <th scope="col">{t('members.name')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('members.joined')}</th>
                  <th scope="col">{t('members.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((member) => {
                  const isMe = member.user_id === me.data?.id
                  return (
                    <tr key={member.user_id}>
                      <th scope="row">{member.display_name}</th>
                      <td data-label={t('members.role')}>
                        {manager ? (
                          <select
                            aria-label={t('members.roleOf', { name: member.display_name })}
                            value={member.role}
                            disabled={put.isPending}
                            onChange={(event) => {
                              const role = ROLES.find((candidate) => candidate === event.target.value)
                              if (role) put.mutate({ userId: member.user_id, role })
                            }}
                          >
                            {ROLES.map((option) => (
                              <option key={option} value={option}>
                                {t(`role.${option}`, { ns: 'common' })}
                              </option>
                            ))}
                          </select>
                        ) : (
                          t(`role.${member.role}`, { ns: 'common' })
                        )}
                      </td>
                      <td data-label={t('members.joined')}>{format.date(member.joined_at)}</td>
                      <td>
                        {(manager || isMe) && (
                          <ConfirmButton
                            label={isMe ? t('members.leave') : t('members.remove')}
                            action={isMe ? t('members.leaveAction') : t('members.removeAction', { name: member.display_name })}
                            danger
                            busy={remove.isPending}
                            onConfirm={() => remove.mutate(member.user_id)}
                          />
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          {put.isError && <ErrorAlert error={put.error} />}
          {remove.isError && <ErrorAlert error={remove.error} />}
        </>
      )}
    </QueryBoundary>
  )
}

export function MembersPage() {
  const { slug = '' } = useParams()
  const { t } = useTranslation('organizations')
  const organization = useOrganization(slug)
  const { role, isPending } = useMyRole(slug)
  const name = organization.data?.name ?? slug
  return (
    <>
      <PageTitle>{t('members.pageTitle', { name })}</PageTitle>
      <p>
        <Link to={`/o/${slug}`}>← {name}</Link>
      </p>
      <h1>{t('members.heading', { name })}</h1>
      {/* Only members may read the list: a non-member is told so without asking the API. */}
      {isPending ? (
        <Loading />
      ) : role === null ? (
        <p className="notice">{t('members.notAllowed')}</p>
      ) : (
        <MemberTable slug={slug} manager={canManage(role)} />
      )}
      {canManage(role) && <AddMemberForm slug={slug} />}
    </>
  )
}
