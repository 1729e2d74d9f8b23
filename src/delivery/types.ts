import type { CommitOp } from '../store/committer.js'

/** One thing that must arrive, as the outbox keeps it. */
export interface OutEntry {
  /** The store record that keeps it. */
  readonly key: string
  /** 32 lowercase hex characters: how an acknowledgement or a refusal names it. */
  readonly id: string
  readonly peer: string
  readonly channel: string
  /** What a transport carries (an encoded envelope, a contact message). */
  readonly payload: Uint8Array
  /** What the channel looks entries up by (the message an envelope delivers); null for none. */
  readonly tag: string | null
  /** The channel's own facts about it, kept with it (JSON). */
  readonly meta: unknown
  /** Resolves once the entry is on disk; nothing is sent before. */
  readonly ready: Promise<void>
}

export type NewEntry = Pick<OutEntry, 'id' | 'payload' | 'tag' | 'meta'>

export interface Refused {
  readonly entry: OutEntry
  /** The refusal code that crossed the wire (the channel's own enumeration). */
  readonly code: string
}

/** A way to a peer that carries entries, for as long as it lasts. */
export interface Carrier {
  /** Hands one entry to the wire; rejects when the carrier broke. */
  write(entry: OutEntry): Promise<void>
  /** Resolves when the carrier can carry no more: what it carried unacknowledged is sent again. */
  readonly closed: Promise<void>
  close(): Promise<void>
}

/**
 * A plug-in of the outbox that carries a channel's entries: a direct stream
 * now; a mailbox or a group topic later. The acknowledgement of what it
 * carried may come back any way at all (`Outbox.acknowledge`).
 */
export interface Transport {
  readonly name: string
  /** Entries written and not yet acknowledged, at most, per peer. */
  readonly window: number
  /**
   * How long entries written on a carrier may go without any acknowledgement
   * before the carrier counts as broken (they go back in line and are sent
   * again; the peer recognises the copies). Absent: no limit (a mailbox holds
   * entries for days).
   */
  readonly ackTimeoutMs?: number
  /** Whether it can try this peer now (its node runs, the peer is someone we send to). */
  canCarry(peer: string): boolean
  /** Opens a way to the peer; throws when it cannot (the outbox then backs off). */
  open(peer: string, signal: AbortSignal): Promise<Carrier>
}

/** What an outbox channel is: where its entries are kept, how they travel, what follows their fate. */
export interface Channel {
  readonly name: string
  /** Store key prefix of its entries: `<prefix>/<blinded peer>/<counter>`. */
  readonly prefix: string
  /** Tried in order: the first that can carry to the peer is used. */
  readonly transports: readonly Transport[]
  /** The peer's device acknowledged these (their records are being deleted). */
  onDelivered(peer: string, entries: readonly OutEntry[]): Promise<void>
  /** The peer refused these for good (their records are deleted). */
  onRefused(peer: string, refused: readonly Refused[]): Promise<void>
}

export interface Outbox {
  register(channel: Channel): void
  /** Puts a channel's stored entries back in line (at start); `peerOfBlind` names the peer of older entries. */
  load(channel: string, peerOfBlind?: (blinded: string) => string | undefined): Promise<void>
  /**
   * The write that keeps a new entry, for the batch of the change that caused
   * it; `add(ready)` then queues it, `ready` being that batch.
   */
  prepare(channel: string, peer: string, entry: NewEntry): { readonly op: CommitOp; add(ready: Promise<void>): void }
  /** Writes a new entry (with `ops`, in one synced batch) and queues it. */
  enqueue(channel: string, peer: string, entry: NewEntry, ops?: readonly CommitOp[]): Promise<void>
  /** The peer's device has these: they leave the outbox, whichever way they travelled. */
  acknowledge(peer: string, ids: Iterable<string>): Promise<void>
  /** The peer said no: for good (they leave), or not now (sent again later). */
  refuse(
    peer: string,
    refusals: Iterable<{ readonly id: string; readonly code: string; readonly permanent: boolean }>,
  ): Promise<void>
  /** Forgets a peer's entries of a channel (all, or those `which` picks): they will not be sent. */
  drop(channel: string, peer: string, which?: (entry: OutEntry) => boolean): Promise<void>
  entries(channel: string, peer: string): readonly OutEntry[]
  isPending(channel: string, peer: string, tag: string): boolean
  pending(channel: string, peer: string): number
  /** The peer connected: forget the backoff and send now. */
  connected(peer: string): void
  /** Try again what waits (for one peer, or all), within the backoff. */
  kick(peer?: string): void
  stop(): Promise<void>
}
