import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { ApiEvent, CommandArgs, CommandName, CommandResult, ParleyClient, Result } from '../../src/api/index.js'
import { CLI_PATH } from './cli-process.js'

export const DM_PEER_SCRIPT = fileURLToPath(new URL('./dm-peer.mjs', import.meta.url))

export interface DmPeerConfig {
  readonly dataDir: string
  readonly listen: readonly string[]
  /** mDNS: only ever on inside a network namespace. */
  readonly mdns: boolean
  /** The mode a new account starts in (lan-only by default). */
  readonly mode?: 'lan-only' | 'internet'
  /** Bootstrap peers for internet mode: always local ones in tests ([] for none). */
  readonly bootstrap?: readonly string[]
  /** The DHT hands out private addresses (peers on one machine). */
  readonly dhtPrivateAddresses?: boolean
  /** Addresses announced besides the listening ones (a port the NAT forwards). */
  readonly announce?: readonly string[]
}

/** A burst message the child reported as accepted by sendMessage (written to disk). */
export interface SentLine {
  readonly index: number
  readonly id: string
  readonly seq: number
}

/** The text of burst message `index` (1-based), as dm-peer.mjs writes it. */
export const burstText = (index: number): string => `m${String(index).padStart(4, '0')}`

/** Runs a command somewhere: here by default, or in a network namespace (`LanHost.spawn`). */
export type Spawner = (command: string, args: readonly string[]) => ChildProcess

const here: Spawner = (command, args) => spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] })

/**
 * A core in a child process (test/support/dm-peer.mjs), seen as a ParleyClient:
 * `invoke` and `subscribe` work as with the in-process client. Also records the
 * burst lines, and can be killed with SIGKILL.
 */
export class DmPeer implements ParleyClient {
  readonly sent: SentLine[] = []
  readonly sendFailures: string[] = []
  readonly stderrLines: string[] = []
  readonly ready: Promise<void>
  readonly exited: Promise<number | null>
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: Result<unknown>) => void; reject: (e: Error) => void }>()
  private readonly listeners = new Set<(event: ApiEvent) => void>()
  private readonly lineWatchers = new Set<() => void>()
  private exitCode: number | null | undefined

  constructor(readonly child: ChildProcess) {
    if (child.stdout === null || child.stdin === null || child.stderr === null) throw new Error('pipes expected')
    let markReady: () => void = () => undefined
    let failReady: (err: Error) => void = () => undefined
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve
      failReady = reject
    })
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code
        const gone = new Error(`the peer exited (${code}) ${this.stderrTail()}`)
        failReady(gone)
        for (const call of this.pending.values()) call.reject(gone)
        this.pending.clear()
        for (const watcher of [...this.lineWatchers]) watcher()
        resolve(code)
      }),
    )
    child.stdin.on('error', () => undefined) // writes after a kill
    createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrLines.push(line)
      if (this.stderrLines.length > 5000) this.stderrLines.shift()
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as {
        id?: number
        result?: Result<unknown>
        event?: ApiEvent
        ready?: boolean
        sent?: SentLine
        sendFailed?: { index: number; error: string }
      }
      if (message.ready === true) markReady()
      if (message.sent !== undefined) this.sent.push(message.sent)
      if (message.sendFailed !== undefined)
        this.sendFailures.push(`${message.sendFailed.index}: ${message.sendFailed.error}`)
      if (message.id !== undefined && message.result !== undefined) {
        this.pending.get(message.id)?.resolve(message.result)
        this.pending.delete(message.id)
      }
      if (message.event !== undefined) for (const listener of [...this.listeners]) listener(message.event)
      for (const watcher of [...this.lineWatchers]) watcher()
    })
  }

  /** Starts dm-peer.mjs with `config` (here, or through `spawner` in a namespace); resolves once its core runs. */
  static async start(config: DmPeerConfig, spawner: Spawner = here): Promise<DmPeer> {
    if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run "npm run build" first`)
    const peer = new DmPeer(spawner(process.execPath, [DM_PEER_SCRIPT, JSON.stringify(config)]))
    await peer.ready
    return peer
  }

  get running(): boolean {
    return this.exitCode === undefined
  }

  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<Result<CommandResult<C>>> {
    return this.send(command, args) as Promise<Result<CommandResult<C>>>
  }

  /** Starts a burst: messages `from`..`to` (burstText) to `peerId`; resolves when all were accepted. */
  burst(peerId: string, from: number, to: number, window = 1): Promise<Result<null>> {
    return this.send('burst', { peerId, from, to, window }) as Promise<Result<null>>
  }

  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves once `check` holds, re-checked after every line the peer writes; rejects at the deadline or its exit. */
  until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (err?: Error): void => {
        clearTimeout(timer)
        this.lineWatchers.delete(watch)
        if (err === undefined) resolve()
        else reject(err)
      }
      const watch = (): void => {
        if (check()) finish()
        else if (!this.running) finish(new Error(`the peer exited before ${what} ${this.stderrTail()}`))
      }
      const timer = setTimeout(() => {
        finish(new Error(`not within ${timeoutMs} ms: ${what} ${this.stderrTail()}`))
      }, timeoutMs)
      this.lineWatchers.add(watch)
      watch()
    })
  }

  /** SIGKILL: no shutdown code runs. Resolves when the process is gone. */
  async kill(): Promise<void> {
    if (!this.running) return
    this.child.kill('SIGKILL')
    await this.exited
  }

  /** A clean stop (SIGTERM), or SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (!this.running) return
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000)
    await this.exited
    clearTimeout(timer)
  }

  private send(command: string, args: unknown): Promise<Result<unknown>> {
    if (!this.running) return Promise.reject(new Error(`${command}: the peer is not running`))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.child.stdin?.write(`${JSON.stringify({ id, command, args })}\n`)
    })
  }

  private stderrTail(): string {
    const tail = this.stderrLines.slice(-15)
    return tail.length === 0 ? '' : `\nstderr:\n${tail.join('\n')}`
  }
}
