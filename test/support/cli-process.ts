import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { ApiEvent } from '../../src/api/index.js'

/** The repository root, whether this file runs from test/ (vitest) or from dist/ (benchmarks). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'parley') {
      return dir
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error('cannot find the parley package root')
    dir = parent
  }
}

export const CLI_PATH = join(repoRoot(), 'dist', 'src', 'cli', 'main.js')

export function requireBuiltCli(): string {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} is missing: run "npm run build" first (npm test does it)`)
  }
  return CLI_PATH
}

export interface TimedEvent {
  readonly time: number
  readonly event: ApiEvent
}

/**
 * Watches a `parley node --print-events` process: collects its events and
 * lets a test wait for one. Stderr (JSON logs) is kept for failure messages.
 */
export class CliPeer {
  readonly events: TimedEvent[] = []
  readonly stdoutLines: string[] = []
  readonly stderrLines: string[] = []
  private waiters: (() => void)[] = []
  exited: number | null | undefined

  constructor(readonly child: ChildProcess) {
    if (child.stdout === null || child.stderr === null) throw new Error('the child needs piped stdout and stderr')
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.stdoutLines.push(line)
      if (line.startsWith('{')) {
        try {
          this.events.push(JSON.parse(line) as TimedEvent)
        } catch {
          // not an event line
        }
      }
      this.wake()
    })
    createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrLines.push(line)
    })
    child.on('exit', (code) => {
      this.exited = code
      this.wake()
    })
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w()
  }

  /** The peer ID from the first line (`Parley node <id> (<mode>)`). */
  async peerId(timeoutMs = 15_000): Promise<string> {
    const line = await this.waitForLine((l) => l.startsWith('Parley node '), timeoutMs)
    const id = line.split(' ')[2]
    if (id === undefined) throw new Error(`no peer ID in "${line}"`)
    return id
  }

  waitForLine(predicate: (line: string) => boolean, timeoutMs = 15_000): Promise<string> {
    return this.waitFor(() => this.stdoutLines.find(predicate), timeoutMs, 'line')
  }

  waitForEvent(predicate: (event: ApiEvent) => boolean, timeoutMs = 15_000): Promise<TimedEvent> {
    return this.waitFor(() => this.events.find((e) => predicate(e.event)), timeoutMs, 'event')
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `no matching ${what} within ${timeoutMs} ms.\nstdout:\n${this.stdoutLines.join('\n')}\nstderr:\n${this.stderrLines.slice(-20).join('\n')}`,
          ),
        )
      }, timeoutMs)
      const check = (): void => {
        const found = find()
        if (found !== undefined) {
          clearTimeout(timer)
          resolve(found)
        } else if (this.exited !== undefined) {
          clearTimeout(timer)
          reject(
            new Error(`the process exited (${this.exited}) first.\nstderr:\n${this.stderrLines.slice(-20).join('\n')}`),
          )
        } else {
          this.waiters.push(check)
        }
      }
      check()
    })
  }

  async stop(): Promise<void> {
    if (this.exited !== undefined) return
    const exited = new Promise<void>((resolve) =>
      this.child.once('exit', () => {
        resolve()
      }),
    )
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
}
