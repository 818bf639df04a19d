// A failed funding action (cancel a pledge, delete a reward, run the settlement), said in the
// UI's language where the refusal's code is known.
import { useRefusalText } from './problems'

export function RefusalAlert({ error, currency }: { error: unknown; currency: string | null }) {
  const text = useRefusalText(currency)
  return (
    <div role="alert" className="alert">
      <p>{text(error)}</p>
    </div>
  )
}
