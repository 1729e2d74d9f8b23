import { fileURLToPath } from 'node:url'
import { defineConfig, type UserConfig } from 'vite'

/**
 * The preload, bundled to one CommonJS file: a sandboxed preload cannot load
 * modules, only `electron` and a few built-ins.
 *
 * Under Forge (forge.config.ts) the plugin supplies entry, output (.vite/build/preload.cjs)
 * and externals. Run on its own (`vite build --config vite.preload.config.ts`,
 * part of "npm run build") it writes dist/electron/preload.cjs beside the tsc
 * build of the main process.
 */
const standalone: UserConfig = {
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/electron', import.meta.url)),
    emptyOutDir: false,
    copyPublicDir: false,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: fileURLToPath(new URL('./electron/preload.ts', import.meta.url)),
      external: ['electron', 'electron/renderer'],
      output: {
        format: 'cjs',
        codeSplitting: false,
        entryFileNames: 'preload.cjs',
      },
    },
  },
}

export default defineConfig((env) => ('forgeConfigSelf' in env ? {} : standalone))
