// A failed micro-tasking action (claim, answer, review, pause), said in the UI's language where
// the refusal's code is known, with a way to act on it where there is one.
import type { ReactNode } from 'react'
import { useRefusalText } from './problems'
import type { AnswerKind } from './queries'

export function RefusalAlert({ error, kind, children }: { error: unknown; kind?: AnswerKind; children?: ReactNode }) {
  const text = useRefusalText(kind)
  return (
    <div role="alert" className="alert">
      <p>{text(error)}</p>
      {children}
    </div>
  )
}
