import { randomBytes } from '@noble/hashes/utils.js'
import { ApiFailure, TRANSFER_CHUNK_BYTES } from '../api/index.js'
import { fromBase64, toBase64, toHex } from '../crypto/bytes.js'
import type { Clock } from './clock.js'

/**
 * Files that cross the API in chunks (a backup out, a backup in), so that no
 * frame exceeds the hosts' limits. Held in memory for a few minutes; only
 * encrypted content passes here.
 */
export interface BackupTransfers {
  offer(bytes: Uint8Array): string
  read(id: string, offset: number, length: number): { data: string; done: boolean }
  startUpload(size: number): string
  write(id: string, offset: number, data: string): number
  /** The complete upload; it is removed from the transfers. */
  takeUpload(id: string): Uint8Array
  cancel(id: string): void
}

const TTL_MS = 10 * 60 * 1000
/** All transfers together may hold at most this much memory. */
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024
const MAX_TRANSFERS = 8

interface Transfer {
  readonly kind: 'download' | 'upload'
  readonly bytes: Uint8Array
  received: number
  expiresAt: number
}

export function createBackupTransfers(clock: Clock): BackupTransfers {
  const transfers = new Map<string, Transfer>()

  const sweep = (): void => {
    const now = clock.now()
    for (const [id, t] of transfers) if (t.expiresAt <= now) transfers.delete(id)
  }
  const add = (transfer: Transfer): string => {
    sweep()
    const total = [...transfers.values()].reduce((n, t) => n + t.bytes.length, 0)
    if (transfers.size >= MAX_TRANSFERS || total + transfer.bytes.length > MAX_TOTAL_BYTES) {
      throw new ApiFailure('CONFLICT', 'too many transfers at once; finish or cancel one first')
    }
    const id = toHex(randomBytes(16))
    transfers.set(id, transfer)
    return id
  }
  const get = (id: string, kind: Transfer['kind']): Transfer => {
    sweep()
    const transfer = transfers.get(id)
    if (transfer?.kind !== kind) throw new ApiFailure('NOT_FOUND', 'no such transfer (it may have expired)')
    transfer.expiresAt = clock.now() + TTL_MS
    return transfer
  }

  return {
    offer: (bytes) => add({ kind: 'download', bytes, received: bytes.length, expiresAt: clock.now() + TTL_MS }),
    read(id, offset, length) {
      const t = get(id, 'download')
      if (offset > t.bytes.length) throw new ApiFailure('INVALID_ARGUMENTS', 'offset beyond the end of the file')
      const end = Math.min(offset + Math.min(length, TRANSFER_CHUNK_BYTES), t.bytes.length)
      const done = end === t.bytes.length
      if (done) transfers.delete(id)
      return { data: toBase64(t.bytes.subarray(offset, end)), done }
    },
    startUpload: (size) =>
      add({ kind: 'upload', bytes: new Uint8Array(size), received: 0, expiresAt: clock.now() + TTL_MS }),
    write(id, offset, data) {
      const t = get(id, 'upload')
      let chunk: Uint8Array
      try {
        chunk = fromBase64(data)
      } catch {
        throw new ApiFailure('INVALID_ARGUMENTS', 'the chunk is not valid base64')
      }
      if (offset !== t.received) {
        throw new ApiFailure('INVALID_ARGUMENTS', `expected the chunk at offset ${t.received}, got ${offset}`)
      }
      if (offset + chunk.length > t.bytes.length) {
        throw new ApiFailure('INVALID_ARGUMENTS', 'the chunk goes past the announced size')
      }
      t.bytes.set(chunk, offset)
      t.received += chunk.length
      return t.received
    },
    takeUpload(id) {
      const t = get(id, 'upload')
      if (t.received !== t.bytes.length) {
        throw new ApiFailure('INVALID_ARGUMENTS', `the upload is incomplete (${t.received} of ${t.bytes.length} bytes)`)
      }
      transfers.delete(id)
      return t.bytes
    },
    cancel: (id) => {
      transfers.delete(id)
    },
  }
}
