// The webhook form's own words for the refusals it expects (the API's `detail` is English, for
// developers). Any other code keeps the generic display.
import { useTranslation } from 'react-i18next'
import type { CodeMessages, RefusalParams } from '../../forms/problem'

const numberParam = (params: RefusalParams, name: string) =>
  typeof params[name] === 'number' ? params[name] : undefined

export function useWebhookProblemMessages(): CodeMessages {
  const { t } = useTranslation('webhooks')
  return ({ code, params, field }) => {
    switch (code) {
      case 'webhook.target_forbidden':
        return t('problem.targetForbidden')
      case 'webhook.https_required':
        return t('problem.httpsRequired')
      case 'webhook.campaign_foreign':
        return t('problem.campaignForeign')
      case 'webhook.limit_reached': {
        const max = numberParam(params, 'max')
        return max === undefined ? t('problem.limitReachedNoMax') : t('problem.limitReached', { max })
      }
      case 'field.format':
        return field === 'url' ? t('problem.urlFormat') : t('problem.format')
      case 'field.length': {
        const min = numberParam(params, 'min')
        const max = numberParam(params, 'max')
        if (min !== undefined && max !== undefined) return t('problem.lengthBetween', { min, max })
        if (max !== undefined) return t('problem.lengthMax', { max })
        if (min !== undefined) return t('problem.lengthMin', { min })
        return undefined
      }
      default:
        return undefined
    }
  }
}
