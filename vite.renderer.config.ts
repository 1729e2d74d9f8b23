import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type UserConfig } from 'vite'

/**
 * Builds the React renderer. Electron loads it from file:// and the web host
 * serves it over http://127.0.0.1, so every URL is relative and everything
 * (scripts, styles, icons) ships in the bundle: no CDN, no network fonts, no
 * inline script (the CSP in index.html forbids them).
 *
 * Run on its own ("npm run build") it writes dist/renderer for the web host;
 * under Electron Forge the plugin chooses the output (.vite/renderer/…).
 */
const root = fileURLToPath(new URL('./renderer', import.meta.url))
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url))

/**
 * The dev server (npm start) injects React Refresh's inline preamble and
 * styles; the development page alone gets a CSP that allows them. Builds keep
 * the strict policy.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'parley-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace('connect-src', 'connect-src ws://localhost:* http://localhost:*'),
  }
}

export default defineConfig((env) => {
  const underForge = 'forgeConfigSelf' in env
  const config: UserConfig = {
    root,
    base: './',
    plugins: [react(), relaxCspForDevServer()],
    build: {
      ...(underForge ? {} : { outDir, emptyOutDir: true }),
      // Never turn an asset into a data: URL: the CSP allows data: for images only.
      assetsInlineLimit: 0,
      // Chromium (Electron and the browsers we support) preloads modules natively.
      modulePreload: { polyfill: false },
    },
    server: {
      host: '127.0.0.1',
    },
  }
  return config
})
