// The top of a form after a failed submit: what went wrong that no single input explains.
// It takes focus when nothing else does (see useFocusFirstProblem).
import type { FormProblem } from './problem'

export function FormAlert({ problem }: { problem: FormProblem }) {
  if (problem.general.length === 0) return null
  const [first, ...rest] = problem.general
  return (
    <div role="alert" className="alert" tabIndex={-1} data-form-alert>
      <p>{first}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
