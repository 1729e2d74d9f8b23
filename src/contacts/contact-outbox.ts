import { peerIdFromString } from '@libp2p/peer-id'
import { randomBytes } from '@noble/hashes/utils.js'
import type { Libp2p } from 'libp2p'
import type { Logger } from '../core/logger.js'
import { toHex } from '../crypto/bytes.js'
import type { Carrier, Channel, Outbox, Transport } from '../delivery/types.js'
import { ContactMessage } from '../generated/contact.js'
import { PeerRefusedError, sendContactMessage } from './contact-protocol.js'

/**
 * Contact messages (requests, acceptances, profiles, …) on the one outbox:
 * the `contact` channel, kept under `outbox/contact/`, retried under the
 * outbox's one backoff policy, carried one at a time by the contact protocol,
 * whose reply is the acknowledgement. Only the newest PROFILE for a peer waits.
 */
export const CONTACT_CHANNEL = 'contact'

export interface ContactOutbox {
  readonly enqueue: (peerId: string, message: ContactMessage) => Promise<void>
  readonly waitingFor: (peerId: string, type: ContactMessage.Type) => boolean
  /** Nothing more goes to someone who is no longer a contact. */
  readonly dropPeer: (peerId: string) => Promise<void>
}

export interface ContactOutboxOptions {
  readonly outbox: Outbox
  readonly logger: Logger
  readonly node: () => Libp2p | undefined
  readonly isStopped: () => boolean
  readonly isBlocked: (peerId: string) => boolean
  /** The peer answered `ok` to `message`. */
  readonly delivered: (peerId: string, message: ContactMessage) => Promise<void>
}

export async function createContactOutbox(options: ContactOutboxOptions): Promise<ContactOutbox> {
  const { outbox, logger: log } = options

  /** One request and its reply per stream: the reply is the acknowledgement. */
  const transport: Transport = {
    name: 'contact-protocol',
    window: 1,
    canCarry: (peer) => options.node() !== undefined && !options.isStopped() && !options.isBlocked(peer),
    open(peer): Promise<Carrier> {
      let close!: () => void
      const closed = new Promise<void>((resolve) => (close = resolve))
      return Promise.resolve({
        closed,
        close: () => {
          close()
          return Promise.resolve()
        },
        async write(entry) {
          const node = options.node()
          if (node === undefined) throw new Error('not running')
          try {
            await sendContactMessage(node, peerIdFromString(peer), ContactMessage.decode(entry.payload))
          } catch (err) {
            if (!(err instanceof PeerRefusedError) || err.temporary) throw err
            await outbox.refuse(peer, [{ id: entry.id, code: err.code, permanent: true }])
            return
          }
          await outbox.acknowledge(peer, [entry.id])
        },
      })
    },
  }

  const channel: Channel = {
    name: CONTACT_CHANNEL,
    prefix: 'outbox/contact',
    transports: [transport],
    async onDelivered(peer, entries) {
      for (const entry of entries) await options.delivered(peer, ContactMessage.decode(entry.payload))
    },
    onRefused(_peer, refused) {
      for (const { code } of refused) log.info('contact message refused by peer', { code })
      return Promise.resolve()
    },
  }
  outbox.register(channel)
  await outbox.load(CONTACT_CHANNEL)

  return {
    enqueue: async (peerId, message) => {
      // only the newest profile is worth sending: older ones still waiting for this peer go
      if (message.type === ContactMessage.Type.PROFILE) {
        await outbox.drop(CONTACT_CHANNEL, peerId, (entry) => entry.tag === ContactMessage.Type.PROFILE)
      }
      await outbox.enqueue(CONTACT_CHANNEL, peerId, {
        id: toHex(randomBytes(16)),
        payload: ContactMessage.encode(message),
        tag: message.type,
        meta: null,
      })
    },
    waitingFor: (peerId, type) => outbox.entries(CONTACT_CHANNEL, peerId).some((entry) => entry.tag === type),
    dropPeer: (peerId) => outbox.drop(CONTACT_CHANNEL, peerId),
  }
}
