// After a failed submit, move focus to the first invalid input (or the form's alert), so keyboard
// and screen-reader users learn at once what to fix.
import { useEffect, type RefObject } from 'react'

export function useFocusFirstProblem(form: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error || form.current === null) return
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current.querySelector<HTMLElement>('[data-form-alert]')
    target?.focus()
  }, [form, error])
}
