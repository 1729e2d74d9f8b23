/**
 * The Electron main process: lifecycle only. Each step lives in its own module.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, session } from 'electron'
import { createMessenger } from '../src/core/messenger.js'
import { applyContentSecurityPolicy } from './content-security-policy.js'
import { resolveDataDirs } from './data-dirs.js'
import { networkOverrides } from './environment.js'
import { stopBeforeQuit } from './graceful-quit.js'
import { bindIpc } from './ipc.js'
import { openLogFile } from './log-file.js'
import { bindNotifications } from './notifications.js'
import { restrictPermissions } from './permissions.js'
import { resolveRendererLocation, type RendererLocation } from './renderer-location.js'
import { guardAllWebContents } from './web-contents-guards.js'
import { createMainWindow } from './window.js'

const STOP_TIMEOUT_MS = 5_000

app.enableSandbox()

const dirs = resolveDataDirs(process.env, app.getPath('userData'))
if (dirs.profileDir !== undefined) {
  app.setPath('userData', dirs.profileDir)
}

if (app.requestSingleInstanceLock()) {
  run()
} else {
  // another Parley already runs on this profile: it gets focused through 'second-instance'
  app.quit()
}

function run(): void {
  const log = openLogFile(join(app.getPath('userData'), 'logs'), { mirrorToStderr: !app.isPackaged })
  const logger = log.logger.child('electron')
  const messenger = createMessenger({
    dataDir: dirs.dataDir,
    host: 'electron',
    logger: log.logger,
    ...networkOverrides(process.env),
  })
  let renderer: RendererLocation | undefined
  let unbindIpc: (() => void) | undefined
  let unbindNotifications: (() => void) | undefined

  const showWindow = (): void => {
    const [existing] = BrowserWindow.getAllWindows()
    if (existing !== undefined) {
      if (existing.isMinimized()) existing.restore()
      existing.focus()
    } else if (renderer !== undefined) {
      createMainWindow(renderer, logger)
    }
  }

  stopBeforeQuit(
    async () => {
      unbindIpc?.()
      unbindNotifications?.()
      await messenger.stop()
      await log.close()
    },
    { logger, timeoutMs: STOP_TIMEOUT_MS },
  )
  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  const start = async (): Promise<void> => {
    const location = resolveRendererLocation()
    guardAllWebContents(location.url, logger)
    restrictPermissions(session.defaultSession)
    if (!location.devServer) applyContentSecurityPolicy(session.defaultSession, location.url)
    await messenger.start()
    unbindIpc = bindIpc({ messenger, appUrl: location.url, logger })
    unbindNotifications = bindNotifications(messenger, showWindow)
    renderer = location
    showWindow()
    logger.info('window opened', { dataDir: dirs.dataDir, devServer: location.devServer })
  }

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      logger.error('startup failed', { error: err })
      dialog.showErrorBox('Parley could not start', err instanceof Error ? err.message : String(err))
      app.exit(1)
    })
}
