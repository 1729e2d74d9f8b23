import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * Builds the React renderer into dist/renderer. Electron loads it from file://
 * and the web host serves it over http://127.0.0.1, so every URL is relative
 * and everything (scripts, styles, icons) ships in the bundle: no CDN, no
 * network fonts, no inline script (the CSP in index.html forbids them).
 */
const root = fileURLToPath(new URL('./renderer', import.meta.url))
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url))

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Never turn an asset into a data: URL: the CSP allows data: for images only.
    assetsInlineLimit: 0,
    // Chromium (Electron and the browsers we support) preloads modules natively.
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
  },
})
