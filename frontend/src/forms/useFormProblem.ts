import { useTranslation } from 'react-i18next'
import { formProblemOf, type CodeMessages, type FormProblem } from './problem'

/** The form's view of a mutation's error; see `formProblemOf`. */
export function useFormProblem(error: unknown, hasField: (path: string) => boolean, messages?: CodeMessages): FormProblem {
  const { t } = useTranslation()
  return formProblemOf(error, hasField, t, messages)
}
