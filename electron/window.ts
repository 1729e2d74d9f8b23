import { BrowserWindow } from 'electron'
import type { Logger } from '../src/core/logger.js'
import type { RendererLocation } from './renderer-location.js'

/**
 * The main window: a sandboxed, context-isolated page whose only way to the
 * core is the preload's `window.parley` bridge.
 */
export function createMainWindow(renderer: RendererLocation, logger: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    title: 'Parley',
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      preload: renderer.preloadPath,
    },
  })
  window.once('ready-to-show', () => {
    window.show()
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('the renderer process is gone', { reason: details.reason, exitCode: details.exitCode })
  })
  window.loadURL(renderer.url).catch((err: unknown) => {
    logger.error('the window could not load the renderer', { url: renderer.url, error: err })
  })
  return window
}
