import { join, resolve } from 'node:path'

export interface DataDirs {
  /** The core's data (node key, stores). */
  readonly dataDir: string
  /** Replaces Electron's userData (Chromium profile, logs, single-instance lock); undefined keeps the default. */
  readonly profileDir: string | undefined
}

/**
 * Default: `<userData>/data`. `PARLEY_DATA_DIR` (tests, a second instance on one
 * machine) moves the core's data there and Electron's profile beside it into
 * `<PARLEY_DATA_DIR>/electron-profile`, so such a run shares nothing, not even
 * the single-instance lock, with the user's own Parley.
 */
export function resolveDataDirs(env: Readonly<Record<string, string | undefined>>, userDataDir: string): DataDirs {
  const override = env.PARLEY_DATA_DIR
  if (override === undefined || override === '') {
    return { dataDir: join(userDataDir, 'data'), profileDir: undefined }
  }
  const dataDir = resolve(override)
  return { dataDir, profileDir: join(dataDir, 'electron-profile') }
}
