// Fails when the SPA's rooms import each other in a circle. oxlint's `import/no-cycle` sees file
// cycles only; this sees the same between rooms: each folder under src/features/ is one room, and
// so is each top folder of src/ (api, app, forms, i18n, ui). `features/campaigns` importing
// `features/votes/Leaderboard` while `features/votes` imports `features/campaigns/queries` is no
// file cycle, but it is a feature cycle: the two can no longer be understood, tested or moved one
// without the other. The rooms must form layers: a page that composes features sits above them,
// and nothing below imports it back.
//
// Each `strings.ts` is a room of its own: a feature's strings are data that i18n/resources.ts
// gathers, typed by i18n/strings.ts, and import nothing else. Tests and src/test/ are left out: a
// test may import anything.
//   node scripts/feature-cycles.mjs        (run by `npm run lint`)
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const EXTENSIONS = ['.ts', '.tsx', '.d.ts']

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'test' && dir === src ? [] : sources(path)
    if (!/\.tsx?$/.test(name) || /\.test\.tsx?$/.test(name) || name === 'schema.d.ts') return []
    return [path]
  })
}

/** The file an import specifier names, or null for packages (and anything that does not resolve). */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => join(base, `index${ext}`))]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  return null
}

/** `features/votes`, `ui`, or a strings module such as `features/votes/strings.ts`. */
function roomOf(file) {
  const parts = relative(src, file).split('/')
  if (parts.at(-1) === 'strings.ts') return parts.join('/')
  return parts[0] === 'features' && parts.length > 2 ? `features/${parts[1]}` : parts[0]
}

// Static imports and re-exports (types too: they are dependencies all the same) and import().
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

/** room -> room -> the imports that make the edge */
const edges = new Map()
for (const file of sources(src)) {
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2])
    if (target === null) continue
    const [from, to] = [roomOf(file), roomOf(target)]
    if (from === to) continue
    if (!edges.has(from)) edges.set(from, new Map())
    const reasons = edges.get(from)
    if (!reasons.has(to)) reasons.set(to, [])
    reasons.get(to).push(`${relative(root, file)} -> ${relative(root, target)}`)
  }
}

// Tarjan's strongly connected components: every component of more than one room holds a cycle.
const index = new Map()
const low = new Map()
const stack = []
const onStack = new Set()
const components = []
let counter = 0
function visit(room) {
  index.set(room, counter)
  low.set(room, counter)
  counter += 1
  stack.push(room)
  onStack.add(room)
  for (const next of edges.get(room)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next)
      low.set(room, Math.min(low.get(room), low.get(next)))
    } else if (onStack.has(next)) {
      low.set(room, Math.min(low.get(room), index.get(next)))
    }
  }
  if (low.get(room) === index.get(room)) {
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== room)
    if (component.length > 1) components.push(component.sort())
  }
}
for (const room of [...edges.keys()].sort()) if (!index.has(room)) visit(room)

/** One shortest cycle through `start` inside its component, as a list of rooms. */
function cycleThrough(start, members) {
  const previous = new Map([[start, null]])
  const queue = [start]
  while (queue.length > 0) {
    const room = queue.shift()
    for (const next of edges.get(room)?.keys() ?? []) {
      if (!members.has(next)) continue
      if (next === start) {
        const path = [room]
        while (previous.get(path[0]) !== null) path.unshift(previous.get(path[0]))
        return [...path, start]
      }
      if (!previous.has(next)) {
        previous.set(next, room)
        queue.push(next)
      }
    }
  }
  return [start]
}

if (components.length === 0) {
  console.log(`feature-cycles: no cycles between ${index.size} rooms`)
} else {
  for (const component of components) {
    const members = new Set(component)
    console.error(`feature-cycles: these rooms import each other in a circle: ${component.join(', ')}`)
    const seen = new Set()
    for (const start of component) {
      const cycle = cycleThrough(start, members)
      // The same circle read from another room: say it once.
      const rooms = cycle.slice(0, -1)
      const first = rooms.indexOf([...rooms].sort()[0])
      const canonical = [...rooms.slice(first), ...rooms.slice(0, first)].join(' -> ')
      if (seen.has(canonical)) continue
      seen.add(canonical)
      console.error(`  cycle: ${cycle.join(' -> ')}`)
      for (let i = 0; i + 1 < cycle.length; i += 1) {
        for (const reason of edges.get(cycle[i]).get(cycle[i + 1])) console.error(`    ${reason}`)
      }
    }
  }
  console.error('Move what both sides need below them, or the page that composes them above them (README, "Layers").')
  process.exit(1)
}
