import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The Rust API's default address; `npm run dev` and `npm run preview` forward /api there.
const proxy = { '/api': 'http://127.0.0.1:8080' }

export default defineConfig({
  plugins: [react()],
  // dist/.vite/manifest.json: which chunks the entry imports, for `npm run check:bundle`.
  build: { manifest: true },
  server: { proxy },
  preview: { proxy },
})
