import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'

/**
 * PARLEY_BENCH_PROFILE=<dir>: CPU profiles of single phases (not the whole
 * run with its baselines), one file per phase and process, for Chrome's
 * DevTools or `speedscope`. Off (and free) when the variable is unset.
 */
const DIR = process.env.PARLEY_BENCH_PROFILE

let session: Session | undefined

export async function startProfile(): Promise<void> {
  if (DIR === undefined || session !== undefined) return
  session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
}

export async function stopProfile(name: string): Promise<void> {
  const running = session
  if (DIR === undefined || running === undefined) return
  session = undefined
  const { profile } = await running.post('Profiler.stop')
  running.disconnect()
  await writeFile(join(DIR, `${name}.cpuprofile`), JSON.stringify(profile))
}

/** Runs `phase`, profiled as `name` when profiling is on. */
export async function profiled<T>(name: string, phase: () => Promise<T>): Promise<T> {
  await startProfile()
  try {
    return await phase()
  } finally {
    await stopProfile(name)
  }
}
