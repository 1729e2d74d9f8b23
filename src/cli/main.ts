#!/usr/bin/env node
import { fileURLToPath } from 'node:url'
import { createLogger, jsonLineSink } from '../core/logger.js'
import { createMessenger } from '../core/messenger.js'
import { systemClock } from '../core/clock.js'
import { NoWebHostError, requestNewLink, startLinkControl } from '../hosts/web/link-control.js'
import { startWebHost, type WebHost } from '../hosts/web/web-host.js'
import { UsageError, parseInvocation, type CliOptions } from './args.js'
import { helpHint, usage } from './usage.js'

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url))

function out(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Each address once, ending with /p2p/<peer ID>; relayed (/p2p-circuit) ones included. */
function dialable(addresses: readonly string[], peerId: string): string[] {
  const withId = addresses.map((a) => (a.includes(`/p2p/${peerId}`) ? a : `${a}/p2p/${peerId}`))
  return [...new Set(withId)]
}

/** How to ask this host for a link from another terminal: the npm script when started by `npm run web`. */
function newLinkCommand(dataDir: string): string {
  return process.env.npm_lifecycle_event === 'web' ? 'npm run web:link' : `parley web --new-link --data-dir ${dataDir}`
}

/** In a terminal, each Enter prints another one-time link. */
function offerLinksOnEnter(host: WebHost): void {
  if (!process.stdin.isTTY) return
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    if (!chunk.includes('\n')) return
    out('A new link (it signs in one browser, once):')
    out(`  ${host.newLink()}`)
  })
}

async function printNewLink(dataDir: string): Promise<void> {
  try {
    out(await requestNewLink(dataDir))
  } catch (err) {
    if (err instanceof NoWebHostError) {
      process.stderr.write(`parley: ${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
}

async function run(options: CliOptions): Promise<void> {
  if (options.command === 'web' && options.newLink) {
    await printNewLink(options.dataDir)
    return
  }
  const logger = createLogger({
    level: options.logLevel,
    sink: jsonLineSink((line) => process.stderr.write(line)),
  })
  const messenger = createMessenger({
    dataDir: options.dataDir,
    host: options.command === 'web' ? 'web' : 'headless',
    // the app unlocks an account before it touches the network; a headless peer has a key of its own
    identity: options.command === 'web' ? 'accounts' : 'node-key',
    mode: options.mode,
    logger,
    ...(options.mdns ? {} : { mdns: false as const }),
    ...(options.listen === undefined ? {} : { listen: options.listen }),
    ...(options.announce === undefined ? {} : { announce: options.announce }),
    ...(options.bootstrap === undefined ? {} : { bootstrap: options.bootstrap }),
    ...(options.relay === undefined ? {} : { relay: options.relay }),
  })
  if (options.printEvents) {
    // one JSON line per contract event, for scripts that watch a headless peer
    messenger.subscribe((event) => {
      out(JSON.stringify({ time: Date.now(), event }))
    })
  }
  await messenger.start()

  let closeHost: (() => Promise<void>) | undefined
  if (options.command === 'web') {
    const host = await startWebHost({
      messenger,
      staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
      host: options.host,
      port: options.port,
      allowNonLoopback: options.allowRemote,
      logger: logger.child('web'),
    })
    const control = await startLinkControl({
      dataDir: options.dataDir,
      newLink: () => host.newLink(),
      logger: logger.child('web'),
      clock: systemClock,
    })
    closeHost = async () => {
      await control?.close()
      await host.close()
    }
    out('Parley is running. Open this link in your browser:')
    out(`  ${host.url}`)
    out('It signs in one browser, once: do not share it. For another browser or a new link,')
    out(`press Enter here${control === undefined ? '' : ` or run: ${newLinkCommand(options.dataDir)}`}`)
    offerLinksOnEnter(host)
  } else {
    const status = await messenger.handlers.getNetworkStatus({})
    if (options.printAddress) {
      // for scripts: nothing but the addresses another peer can dial
      for (const address of dialable(status.listenAddresses, status.peerId)) out(address)
    } else {
      out(`Parley node ${status.peerId} (${status.mode})`)
      for (const address of status.listenAddresses) {
        out(`  listening on ${address}`)
      }
      const relay = messenger.relay()
      if (relay !== undefined) {
        out(`  relaying for up to ${relay.limits.maxReservations} peers: they listen on <address>/p2p-circuit`)
      }
    }
  }

  let stopping = false
  const shutdown = (signal: string): void => {
    if (stopping) {
      return
    }
    stopping = true
    logger.info('shutting down', { signal })
    void (async () => {
      await closeHost?.()
      await messenger.stop()
      process.exit(0)
    })()
  }
  process.on('SIGINT', () => {
    shutdown('SIGINT')
  })
  process.on('SIGTERM', () => {
    shutdown('SIGTERM')
  })
}

try {
  const invocation = parseInvocation(process.argv.slice(2))
  if (invocation.kind === 'help') {
    process.stdout.write(usage(invocation.command))
  } else {
    await run(invocation.options)
  }
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`parley: ${err.message}\n${helpHint(err.command)}\n`)
    process.exit(2)
  }
  process.stderr.write(`parley: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
}
