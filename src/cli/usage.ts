import { DEFAULT_RELAY_LIMITS, RELAY_LIMIT_MAXIMUMS } from '../network/relay-limits.js'

/**
 * What `parley --help`, `parley help [COMMAND]` and `parley COMMAND --help`
 * print: the commands, every option with its argument, what it does and its
 * default, and examples.
 */
export const COMMANDS = ['web', 'node'] as const
export type CommandName = (typeof COMMANDS)[number]

export function isCommand(word: string | undefined): word is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(word)
}

const WEB_SYNOPSIS = `  parley web  --data-dir DIR [--port N] [--host ADDR --allow-remote] [network options]
  parley web  --new-link --data-dir DIR`
const NODE_SYNOPSIS = `  parley node --data-dir DIR [--relay [relay limits]] [--print-address] [--print-events] [network options]`

const WEB_OPTIONS = `Options of parley web:
  --data-dir DIR               where accounts and their data are kept (required)
  --port N                     HTTP port, 0 to 65535 (default: 0, any free port)
  --host ADDR                  address to serve on (default: 127.0.0.1)
  --allow-remote               allow a --host other than loopback: the app is then open to the network
  --new-link                   print another one-time link from the parley web running with DIR, then exit
  --static DIR                 serve the app's files from DIR (default: the built renderer)`

const NODE_OPTIONS = `Options of parley node:
  --data-dir DIR               where the node's key and data are kept (required)
  --relay                      serve other peers as a circuit relay v2 (default: off)
  --relay-max-reservations N   peers holding a reservation at once, 1 to ${RELAY_LIMIT_MAXIMUMS.maxReservations} (default: ${DEFAULT_RELAY_LIMITS.maxReservations})
  --relay-max-data BYTES       bytes one relayed connection may carry, both ways (default: ${DEFAULT_RELAY_LIMITS.maxDataBytes})
  --relay-max-duration MS      milliseconds one relayed connection may last (default: ${DEFAULT_RELAY_LIMITS.maxDurationMs})
  --print-address              print only its dialable addresses (ending in /p2p/ID), one per line
  --print-events               write every API event to stdout as a JSON line`

const NETWORK_OPTIONS = `Network options (both commands):
  --mode MODE                  lan-only | internet | offline (default: lan-only)
  --lan-only                   the same as --mode lan-only: mDNS and private addresses, nothing leaves the LAN
  --listen MULTIADDR           listen address, repeatable (default: every interface, IPv4 and IPv6, any free port;
                               .../tcp/443/ws for networks that let only web ports through)
  --announce MULTIADDR         an address to tell peers besides the listening ones (a server's public IP or DNS
                               name), repeatable; internet mode
  --bootstrap MULTIADDR        DHT bootstrap peer in internet mode, repeatable (default: the public Amino peers)
  --no-bootstrap               internet mode without bootstrap peers
  --no-mdns                    do not find LAN peers by mDNS (default: on)
  --log-level LEVEL            debug | info | warn | error; JSON lines on stderr (default: info)
  -h, --help                   show this help and exit`

const WEB_EXAMPLES = `  parley web --data-dir ~/.parley
  parley web --new-link --data-dir ~/.parley          (from another terminal: a link for another browser)`
const NODE_EXAMPLES = `  parley node --data-dir ~/.parley-node --print-address
  parley node --data-dir /srv/parley-relay --mode internet --listen /ip4/0.0.0.0/tcp/4001 --relay
  parley node --data-dir /srv/parley-relay --mode internet --relay --listen /ip4/0.0.0.0/tcp/4001 \
      --listen /ip4/0.0.0.0/tcp/443/ws --announce /dns4/relay.example.org/tcp/4001`

const OVERVIEW = `Parley, a peer-to-peer messenger.

Usage:
  parley COMMAND [options]
  parley COMMAND --help        a command's options
  parley help [COMMAND]        this help, or a command's

Commands:
  web    serve the app to a browser on this machine (http://127.0.0.1) and print the link to open;
         each link signs in one browser, once: press Enter in its terminal for another
  node   run a headless peer with a key of its own and no account; in internet mode it serves the DHT,
         and with --relay it is a circuit relay for peers behind NATs`

const SECTIONS: Record<CommandName | 'all', readonly string[]> = {
  all: [OVERVIEW, WEB_OPTIONS, NODE_OPTIONS, NETWORK_OPTIONS, `Examples:\n${WEB_EXAMPLES}\n${NODE_EXAMPLES}`],
  web: [
    `Usage:\n${WEB_SYNOPSIS}`,
    'Serve the Parley app to a browser and print the link to open. Each link signs in one\nbrowser, once; press Enter in its terminal (or use --new-link) for another.',
    WEB_OPTIONS,
    NETWORK_OPTIONS,
    `Examples:\n${WEB_EXAMPLES}`,
  ],
  node: [
    `Usage:\n${NODE_SYNOPSIS}`,
    'Run a headless peer: no account, a key of its own. In internet mode it serves the DHT (a\nbootstrap peer for friends). With --relay, other peers may reserve a slot on it and be\nreached at <its address>/p2p-circuit/p2p/<their ID>.',
    NODE_OPTIONS,
    NETWORK_OPTIONS,
    `Examples:\n${NODE_EXAMPLES}`,
  ],
}

/** The help for one command, or for all of them. */
export function usage(command?: CommandName): string {
  return `${SECTIONS[command ?? 'all'].join('\n\n')}\n`
}

/** What to suggest after a usage error. */
export function helpHint(command?: CommandName): string {
  return `Run "parley ${command === undefined ? '' : `${command} `}--help" for usage.`
}
