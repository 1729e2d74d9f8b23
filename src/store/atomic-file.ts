import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Points where a test can make the write fail, to prove a crash there loses nothing. */
export interface AtomicWriteFaults {
  afterTempWritten?(): void | Promise<void>
  afterRename?(): void | Promise<void>
}

/**
 * Replaces a file so that after a crash at any point it holds either the old
 * or the new content, never a mix: write a temporary file beside it, flush
 * it to disk, rename it over the old one (atomic on POSIX), flush the folder.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  faults: AtomicWriteFaults = {},
): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await faults.afterTempWritten?.()
    await rename(tmp, path)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
  await faults.afterRename?.()
  await syncDirectory(dirname(path))
}

export async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}
