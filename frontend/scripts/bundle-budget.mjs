// Bundle budget: the JavaScript a participant page loads before it can show anything must stay
// under BUDGET_KB gzipped. That is the entry chunk dist/index.html references plus every chunk it
// imports statically, transitively (from Vite's build manifest, dist/.vite/manifest.json); chunks
// loaded with import() (every page, see src/app/routes.ts, and the strings) do not count: the
// e2e test e2e/first-visit.e2e.test.ts measures what a first visit really downloads, pages included.
//   npm run build && npm run check:bundle
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

// The frame alone comes to 69.7 kB (Preact, React Router, i18next, TanStack Query and the shell);
// it was 127.6 kB on React DOM.
const BUDGET_KB = 80

const dist = fileURLToPath(new URL('../dist', import.meta.url))
const manifestPath = join(dist, '.vite', 'manifest.json')
const htmlPath = join(dist, 'index.html')

function fail(message) {
  console.error(`check:bundle: ${message}`)
  process.exit(1)
}

if (!existsSync(htmlPath) || !existsSync(manifestPath)) {
  fail(`${htmlPath} or ${manifestPath} is missing; run \`npm run build\` first (vite.config.ts sets build.manifest)`)
}

/** @type {Record<string, { file: string, isEntry?: boolean, imports?: string[] }>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))

// The entry's script tag in the built page, e.g. <script type="module" crossorigin src="/assets/index-xxxx.js">.
const html = readFileSync(htmlPath, 'utf8')
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+\.js)"/g)].map((match) => match[1])
if (scripts.length === 0) fail(`no <script src="….js"> in ${htmlPath}`)

const entryKeys = scripts.map((file) => {
  const key = Object.keys(manifest).find((candidate) => manifest[candidate].file === file)
  if (!key) fail(`${file} (referenced by index.html) is not in ${manifestPath}`)
  if (!manifest[key].isEntry) fail(`${file} (referenced by index.html) is not an entry in the manifest`)
  return key
})

// The entries and their static imports, transitively, each once.
const initial = new Set()
const visit = (key) => {
  const chunk = manifest[key]
  if (!chunk) fail(`the manifest names an import ${key} it does not describe`)
  if (initial.has(chunk.file)) return
  initial.add(chunk.file)
  for (const imported of chunk.imports ?? []) visit(imported)
}
entryKeys.forEach(visit)

const kB = (bytes) => (bytes / 1000).toFixed(2)
const rows = [...initial].map((file) => {
  const raw = readFileSync(join(dist, file))
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
})
rows.sort((a, b) => b.gzip - a.gzip)
const total = rows.reduce((sum, row) => sum + row.gzip, 0)

console.log(`Initial JavaScript of a participant page (gzip -9; budget ${BUDGET_KB} kB):`)
for (const row of rows) {
  console.log(`  ${kB(row.gzip).padStart(8)} kB  ${row.file} (${kB(row.raw)} kB raw)`)
}
console.log(`  ${kB(total).padStart(8)} kB  total`)
if (total > BUDGET_KB * 1000) {
  fail(
    `${kB(total)} kB gzipped is over the budget of ${BUDGET_KB} kB: lazy-load what participant pages do not need ` +
      '(React.lazy / the route `lazy` in src/app/routes.ts)',
  )
}
console.log(`check:bundle: ok, ${kB(total)} kB of ${BUDGET_KB} kB`)
