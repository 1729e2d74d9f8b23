// A stock js-libp2p relay + DHT server built only from upstream packages (nothing from this repository),
// to test Parley against the network it will meet. Usage:
//   node test/support/stock-relay.mjs '{"listen":["/ip4/0.0.0.0/tcp/4001"],"announce":["/ip4/…/tcp/4001"]}'
// Optional config keys: "announce" (addresses to advertise instead of the listen ones), "appendAnnounce"
// (advertised as well), "dhtProtocol" (default: kad-dht's own, /ipfs/kad/1.0.0). On a public IP give
// "announce": libp2p 3 hides a public listen address until AutoNAT has confirmed it, so without it this
// relay advertises (and prints) only 127.0.0.1 and private addresses. Prints one JSON line,
// {"peerId","addresses"}, once started; stops on SIGTERM/SIGINT. The identity is fresh at every start.
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { identify, identifyPush } from '@libp2p/identify'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import process from 'node:process'

const config = JSON.parse(process.argv[2] ?? '{}')
const listen = config.listen ?? ['/ip4/0.0.0.0/tcp/4001']

const node = await createLibp2p({
  addresses: { listen, announce: config.announce ?? [], appendAnnounce: config.appendAnnounce ?? [] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  // the default gate refuses private addresses; this relay may serve a LAN or 127.0.0.1 too
  connectionGater: { denyDialMultiaddr: () => false },
  services: {
    identify: identify(),
    identifyPush: identifyPush(),
    ping: ping(),
    relay: circuitRelayServer({
      reservations: {
        maxReservations: 32,
        defaultDataLimit: BigInt(16 * 1024 * 1024),
        defaultDurationLimit: 30 * 60 * 1000,
      },
    }),
    dht: kadDHT({
      clientMode: false,
      peerInfoMapper: passthroughMapper,
      ...(config.dhtProtocol === undefined ? {} : { protocol: config.dhtProtocol }),
    }),
  },
})

process.stdout.write(
  `${JSON.stringify({ peerId: node.peerId.toString(), addresses: node.getMultiaddrs().map((ma) => ma.toString()) })}\n`,
)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await node.stop()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
