// `npm start`: run the desktop app through Electron Forge (Vite dev server + Electron).
// Where the Electron binary is absent (its download blocked or skipped), say so in one
// line and point at the browser version, instead of letting `require('electron')` try
// to download it.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'

/** Mirrors node_modules/electron/index.js without importing it (importing it starts a download). */
function electronBinary() {
  let packageDir
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return undefined
  }
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override !== undefined && override !== '') {
    const binary = join(override, executable === '' ? 'electron' : executable)
    return existsSync(binary) ? binary : undefined
  }
  if (executable === '') return undefined
  const binary = join(packageDir, 'dist', executable)
  return existsSync(binary) ? binary : undefined
}

if (electronBinary() === undefined) {
  process.stderr.write(
    'Parley: the Electron binary is not installed here (its download is blocked or was skipped). ' +
      'Run "npm run web" to use Parley in your browser instead.\n',
  )
  process.exit(1)
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const child = spawn(npx, ['electron-forge', 'start', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
child.on('error', (err) => {
  process.stderr.write(`Parley: could not run electron-forge: ${err.message}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => {
  // a signal death is reported as the shell does: 128 + its number
  process.exit(code ?? 128 + (signal === null ? 0 : constants.signals[signal]))
})
