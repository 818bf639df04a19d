// A channel's link as a QR code for offline channels (posters, packaging, event signs): drawn by
// the server as SVG, shown on request, and downloadable as SVG (for print) or PNG (for slides
// and documents that take no SVG).
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ApiError } from '../../api/errors'
import { ErrorAlert } from '../../ui/QueryStates'
import type { Channel } from './queries'

/** The PNG's edge in pixels: sharp on a printed A4 poster. */
const PNG_SIZE = 1024

/** The QR code as a `data:` URL: shown, downloaded and drawn without object URLs to revoke. */
async function fetchQr(campaignId: string, channelId: string): Promise<string> {
  const { data, response } = await api.GET('/api/v1/campaigns/{id}/channels/{channel_id}/qr.svg', {
    params: { path: { id: campaignId, channel_id: channelId } },
    parseAs: 'text',
  })
  if (!response.ok || typeof data !== 'string') throw new ApiError(response.status, undefined)
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`
}

/** The SVG drawn onto a canvas, as a PNG. */
function pngOf(svgUrl: string): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => {
      const canvas = document.createElement('canvas')
      canvas.width = PNG_SIZE
      canvas.height = PNG_SIZE
      const context = canvas.getContext('2d')
      if (!context) return reject(new Error('no canvas'))
      context.fillStyle = '#fff'
      context.fillRect(0, 0, PNG_SIZE, PNG_SIZE)
      context.imageSmoothingEnabled = false
      context.drawImage(image, 0, 0, PNG_SIZE, PNG_SIZE)
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png')
    }
    image.onerror = () => reject(new Error('the QR code did not load'))
    image.src = svgUrl
  })
}

function download(url: string, filename: string) {
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = filename
  anchor.click()
}

export function ChannelQrCode({ campaignId, campaignSlug, channel }: { campaignId: string; campaignSlug: string; channel: Channel }) {
  const { t } = useTranslation('reach')
  const id = useId()
  const [open, setOpen] = useState(false)
  const [svgUrl, setSvgUrl] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const filename = `${campaignSlug}-${channel.code}`

  useEffect(() => {
    if (!open || svgUrl) return
    let cancelled = false
    fetchQr(campaignId, channel.id)
      .then((url) => {
        if (!cancelled) setSvgUrl(url)
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure)
      })
    return () => {
      cancelled = true
    }
  }, [open, svgUrl, campaignId, channel.id])

  async function downloadPng() {
    if (!svgUrl) return
    try {
      const png = URL.createObjectURL(await pngOf(svgUrl))
      download(png, `${filename}.png`)
      setTimeout(() => URL.revokeObjectURL(png), 0)
    } catch (failure) {
      setError(failure)
    }
  }

  return (
    <div className="qr-code stack-sm">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? t('qr.hide') : t('qr.show')}
        {' '}
        <span className="visually-hidden">{t('channels.copyContext', { name: channel.name })}</span>
      </button>
      <div id={id} hidden={!open} className="stack-sm">
        {error !== null && <ErrorAlert error={error} />}
        {svgUrl && (
          <>
            <img src={svgUrl} width={192} height={192} alt={t('qr.alt', { name: channel.name })} />
            <p className="hint">{t('qr.hint')}</p>
            <div className="button-row">
              <a href={svgUrl} download={`${filename}.svg`} className="button">
                {t('qr.svg')}
              </a>
              <button type="button" onClick={() => void downloadPng()}>
                {t('qr.png')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  )
}
