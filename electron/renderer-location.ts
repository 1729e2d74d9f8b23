import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Where the main window's page and preload come from. One layout per way of running:
 *   Forge (`npm start`, packaged):  .vite/build/main.cjs, .vite/build/preload.cjs, .vite/renderer/main_window/
 *   tsc build (`npm run build`):    dist/electron/main.js, dist/electron/preload.cjs, dist/renderer/
 */
export interface RendererLocation {
  /** What the window loads; also the URL every IPC sender and navigation is checked against. */
  readonly url: string
  readonly preloadPath: string
  /** Forge's Vite dev server (development) rather than built files. */
  readonly devServer: boolean
}

/**
 * The folder of the running main-process code: Forge's bundle is CommonJS (`__dirname`;
 * its `import.meta` is empty), the tsc build is an ES module (`import.meta.url`).
 */
const codeDir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))

function devServerUrl(): string | undefined {
  const url = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : ''
  return url === '' ? undefined : url
}

function rendererName(): string {
  return typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window'
}

export function resolveRendererLocation(): RendererLocation {
  const preloadPath = join(codeDir, 'preload.cjs')
  if (!existsSync(preloadPath)) {
    throw new Error(
      `the preload bundle ${preloadPath} is missing: start with "npm start", or run "npm run build" (it bundles the preload)`,
    )
  }
  const dev = devServerUrl()
  if (dev !== undefined) {
    return { url: dev, preloadPath, devServer: true }
  }
  const candidates = [
    join(codeDir, '..', 'renderer', rendererName(), 'index.html'),
    join(codeDir, '..', 'renderer', 'index.html'),
    // a Forge bundle run from the project, with the renderer built by "npm run build:renderer"
    join(codeDir, '..', '..', 'dist', 'renderer', 'index.html'),
  ]
  const index = candidates.find((path) => existsSync(path))
  if (index === undefined) {
    throw new Error(`the renderer is not built (looked for ${candidates.join(', ')}): run "npm run build"`)
  }
  return { url: pathToFileURL(index).href, preloadPath, devServer: false }
}
