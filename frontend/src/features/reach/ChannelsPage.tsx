// `/c/:slug/channels` (owners and managers): the campaign's invitation channels, each with the
// link to share through it, and a form to open another. The analytics then show who came
// through which channel and what they did.
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { SelectField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn, NO_PROBLEM } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { CopyField } from '../../ui/CopyField'
import { ShareButton } from '../../ui/ShareButton'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { ChannelQrCode } from './ChannelQrCode'
import { absoluteLink, CHANNEL_KINDS, useChannels, useCreateChannel, type Channel, type ChannelKind } from './queries'

function ChannelItem({ channel, campaign }: { channel: Channel; campaign: Campaign }) {
  const { t } = useTranslation('reach')
  const format = useFormat()
  return (
    <li className="card stack-sm">
      <h3>{channel.name}</h3>
      <p className="muted">
        <span className="badge">{t(`kind.${channel.kind}`)}</span> {t('channels.created', { date: format.date(channel.created_at) })}
      </p>
      <CopyField
        label={t('channels.link', { name: channel.name })}
        hideLabel
        value={absoluteLink(channel.link)}
        copyLabel={t('channels.copy')}
        copyContext={t('channels.copyContext', { name: channel.name })}
      />
      <div className="button-row">
        <ShareButton
          url={absoluteLink(channel.link)}
          title={t('channels.shareTitle', { campaign: campaign.title })}
          context={t('channels.copyContext', { name: channel.name })}
        />
      </div>
      <ChannelQrCode campaignId={campaign.id} campaignSlug={campaign.slug} channel={channel} />
    </li>
  )
}

function ChannelList({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('reach')
  const channels = useChannels(campaign.id)
  return (
    <QueryBoundary query={channels}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items)
        if (items.length === 0) {
          return (
            <EmptyState>
              <p>{t('channels.empty')}</p>
            </EmptyState>
          )
        }
        return (
          <>
            <ul className="channel-list">
              {items.map((channel) => (
                <ChannelItem key={channel.id} channel={channel} campaign={campaign} />
              ))}
            </ul>
            {channels.hasNextPage && (
              <LoadMore hasMore auto={false} loading={channels.isFetchingNextPage} onLoadMore={() => void channels.fetchNextPage()} />
            )}
          </>
        )
      }}
    </QueryBoundary>
  )
}

const FIELDS = fieldsIn(['name', 'kind'])

function CreateChannelForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('reach')
  const create = useCreateChannel(campaign.id)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ChannelKind>('community')
  const [created, setCreated] = useState<Channel | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(create.error, FIELDS)
  // A name the campaign has already used belongs at the name, in the reader's language.
  const taken = create.error instanceof ApiError && create.error.status === 409
  const shown = taken ? NO_PROBLEM : problem
  const nameErrors = taken ? [t('create.nameTaken')] : problem.fields.name
  useFocusFirstProblem(form, create.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    setCreated(null)
    create.mutate(
      { name: name.trim(), kind },
      {
        onSuccess: (channel) => {
          setName('')
          setCreated(channel)
        },
      },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby="create-channel-heading">
      <h2 id="create-channel-heading">{t('create.heading')}</h2>
      <FormAlert problem={shown} />
      <TextField
        label={t('create.name')}
        hint={t('create.nameHint')}
        required
        maxLength={80}
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={nameErrors}
      />
      <SelectField
        label={t('create.kind')}
        value={kind}
        onChange={(event) => {
          const chosen = CHANNEL_KINDS.find((candidate) => candidate === event.target.value)
          if (chosen) setKind(chosen)
        }}
        errors={problem.fields.kind}
      >
        {CHANNEL_KINDS.map((option) => (
          <option key={option} value={option}>
            {t(`kind.${option}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? t('create.submitting') : t('create.submit')}
      </button>
      <p role="status">{created ? t('create.done', { name: created.name }) : ''}</p>
    </form>
  )
}

export function ChannelsPage() {
  const { t } = useTranslation('reach')
  return (
    <CampaignSubpage
      className="stack"
      title={(campaign) => t('channels.pageTitle', { campaign: campaign.title })}
      heading={() => t('channels.heading')}
    >
      {(campaign) => (
        <>
          <p className="lead narrow">{t('channels.intro')}</p>
          <section aria-labelledby="channels-heading" className="stack-sm">
            <h2 id="channels-heading">{t('channels.listHeading')}</h2>
            <ChannelList campaign={campaign} />
          </section>
          <div className="narrow">
            <CreateChannelForm campaign={campaign} />
          </div>
          <p>
            <Link to={`/c/${campaign.slug}/analytics`}>{t('channels.toAnalytics')}</Link>
          </p>
        </>
      )}
    </CampaignSubpage>
  )
}
