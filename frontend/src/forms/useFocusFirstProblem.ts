// After a failed submit, move focus to the first invalid input (or the form's alert), so keyboard
// and screen-reader users learn at once what to fix. A layout effect: the focus moves in the same
// commit that shows the problem, not a frame later (Preact runs plain effects after the paint), and
// so do the app's other focus moves.
import { useLayoutEffect, type RefObject } from 'react'

export function useFocusFirstProblem(form: RefObject<HTMLElement | null>, error: unknown): void {
  useLayoutEffect(() => {
    if (!error || form.current === null) return
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current.querySelector<HTMLElement>('[data-form-alert]')
    target?.focus()
  }, [form, error])
}
