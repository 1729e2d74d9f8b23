import { defineConfig } from 'vite'

/**
 * The Electron main process, built by Forge's Vite plugin (forge.config.ts).
 * The plugin supplies everything: the entry (electron/main.ts), CommonJS output
 * to .vite/build/main.cjs, `electron` and node built-ins as externals, and the
 * MAIN_WINDOW_VITE_* constants. The core and libp2p are bundled in: a packaged
 * app ships only .vite/.
 */
export default defineConfig({})
