// Writes a Brotli (.br) and a gzip (.gz) twin beside every compressible file of the build's
// assets/, once at build time, so the server sends phones a third of the bytes without
// compressing anything per request (api/src/http/spa.rs picks the twin the client accepts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dir = fileURLToPath(new URL('../dist/assets', import.meta.url))
const compressible = /\.(js|mjs|css|svg|json|txt|map|html)$/
let raw = 0
let brotli = 0
for (const name of readdirSync(dir)) {
  if (!compressible.test(name)) continue
  const bytes = readFileSync(join(dir, name))
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  })
  const gz = gzipSync(bytes, { level: 9 })
  // A twin only where it saves bytes (tiny files can grow).
  if (br.length < bytes.length) writeFileSync(join(dir, `${name}.br`), br)
  if (gz.length < bytes.length) writeFileSync(join(dir, `${name}.gz`), gz)
  raw += bytes.length
  brotli += Math.min(br.length, bytes.length)
}
console.log(`precompress: assets ${(raw / 1024).toFixed(1)} kB -> ${(brotli / 1024).toFixed(1)} kB with Brotli`)
