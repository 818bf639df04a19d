// The form's steps, and which step shows the input for a request field path: after a 422 the
// form opens the step of the first invalid field.
export const STEPS = ['basics', 'schedule', 'rules', 'prizes', 'points'] as const
export type Step = (typeof STEPS)[number]

const PREFIXES: ReadonlyArray<[string, Step]> = [
  ['schedule', 'schedule'],
  ['rules', 'rules'],
  ['prize_tiers', 'prizes'],
  ['participation_points', 'points'],
]
const BASICS = new Set(['kind', 'title', 'slug', 'summary', 'brief', 'cover_media_id'])

export function stepOfField(path: string): Step | null {
  if (BASICS.has(path)) return 'basics'
  for (const [prefix, step] of PREFIXES) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) return step
  }
  return null
}
