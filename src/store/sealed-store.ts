import { ClassicLevel } from 'classic-level'
import { open, seal } from '../crypto/aead.js'
import { concatBytes, toHex, utf8 } from '../crypto/bytes.js'
import { memoized } from '../core/memo.js'
import { deriveSubkey, hmacSha256 } from '../crypto/hkdf.js'

/**
 * An account's LevelDB where every value is sealed with XChaCha20-Poly1305
 * under a key derived from the account's data key, with the record's own key
 * in the associated data: a value flipped, truncated or moved to another key
 * fails to open, loudly.
 *
 * Record keys are `namespace/part/…`. Namespaces are fixed words of ours;
 * any part that could say something about the user (a peer ID, a conversation)
 * goes through `blind()`, a keyed hash, so the keys on disk reveal no content.
 */
export interface SealedStore {
  get(key: string): Promise<Uint8Array | undefined>
  getJson(key: string): Promise<unknown>
  put(key: string, value: Uint8Array): Promise<void>
  putJson(key: string, value: unknown): Promise<void>
  del(key: string): Promise<void>
  /**
   * All operations land together or not at all. Flushed to disk before it
   * resolves, unless `sync: false` (then it survives the process being killed,
   * not the machine losing power — for records a synced batch follows).
   */
  batch(ops: readonly StoreOp[], options?: { readonly sync?: boolean }): Promise<void>
  /** Records whose key starts with `prefix`, in key order, decrypted; `after`/`before` bound the keys (exclusive). */
  entries(prefix: string, options?: EntriesOptions): AsyncIterable<[string, Uint8Array]>
  /** Sealed records exactly as on disk (for backups), all or those whose key starts with `prefix`. */
  rawEntries(prefix?: string): AsyncIterable<[string, Uint8Array]>
  /** Writes sealed records as they are (restoring a backup); each must open under this store's key. */
  putRaw(entries: readonly (readonly [string, Uint8Array])[]): Promise<void>
  /** A keyed hash of a sensitive key part: stable for this account, meaningless without its key. */
  blind(part: string): string
  close(): Promise<void>
}

export interface EntriesOptions {
  readonly limit?: number
  readonly reverse?: boolean
  readonly after?: string
  readonly before?: string
}

export type StoreOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: string }

const AAD_PREFIX = utf8('parley/record/v1\0')
export const MAX_RECORD_KEY_LENGTH = 512
/** Blinded parts remembered (a peer's is asked for on every message). */
const BLIND_MEMO_MAX = 10_000

function aad(key: string): Uint8Array {
  return concatBytes(AAD_PREFIX, utf8(key))
}

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_RECORD_KEY_LENGTH) {
    throw new Error(`record key must be 1–${MAX_RECORD_KEY_LENGTH} characters`)
  }
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'LEVEL_NOT_FOUND'
}

/**
 * What the store needs of a LevelDB: classic-level's API (abstract-level), so
 * an in-memory one (memory-level, in unit tests where the disk is not the
 * point) fits as well, opened with utf8 keys and `view` values.
 */
export interface LevelDb {
  open(): Promise<void>
  get(key: string): Promise<Uint8Array | undefined>
  put(key: string, value: Uint8Array, options: { sync: boolean }): Promise<void>
  del(key: string, options: { sync: boolean }): Promise<void>
  batch(
    ops: ({ type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string })[],
    options: { sync: boolean },
  ): Promise<void>
  iterator(options?: {
    gt?: string
    gte?: string
    lt?: string
    reverse?: boolean
    limit?: number
  }): AsyncIterable<[string, Uint8Array]>
  close(): Promise<void>
}

/** The account's LevelDB in the directory `location`, sealed with keys from `dataKey`. */
export function openSealedStore(location: string, dataKey: Uint8Array): Promise<SealedStore> {
  return sealedStoreOn(
    new ClassicLevel<string, Uint8Array>(location, { keyEncoding: 'utf8', valueEncoding: 'view' }),
    dataKey,
  )
}

/** A sealed store on `db` (opened here). */
export async function sealedStoreOn(db: LevelDb, dataKey: Uint8Array): Promise<SealedStore> {
  const valueKey = deriveSubkey(dataKey, 'parley/store/value-key/v1')
  const indexKey = deriveSubkey(dataKey, 'parley/store/index-key/v1')
  await db.open()

  const sealValue = (key: string, value: Uint8Array): Uint8Array => {
    checkKey(key)
    return seal(valueKey, value, aad(key))
  }
  const openValue = (key: string, sealed: Uint8Array): Uint8Array => open(valueKey, sealed, aad(key), `record "${key}"`)

  const blind = memoized(BLIND_MEMO_MAX, (part) => toHex(hmacSha256(indexKey, utf8(part)).subarray(0, 16)))

  const store: SealedStore = {
    async get(key) {
      checkKey(key)
      let sealed: Uint8Array | undefined
      try {
        sealed = await db.get(key)
      } catch (err) {
        if (isNotFound(err)) return undefined
        throw err
      }
      return sealed === undefined ? undefined : openValue(key, sealed)
    },
    async getJson(key) {
      const bytes = await store.get(key)
      return bytes === undefined ? undefined : (JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown)
    },
    put: (key, value) => db.put(key, sealValue(key, value), { sync: true }),
    putJson: (key, value) => store.put(key, utf8(JSON.stringify(value))),
    del: (key) => db.del(key, { sync: true }),
    async batch(ops, batchOptions) {
      await db.batch(
        ops.map((op) =>
          op.type === 'put'
            ? { type: 'put' as const, key: op.key, value: sealValue(op.key, op.value) }
            : { type: 'del' as const, key: op.key },
        ),
        { sync: batchOptions?.sync ?? true },
      )
    },
    async *entries(prefix, options = {}) {
      const end = `${prefix}\uffff`
      const range = {
        ...(options.after !== undefined && options.after > prefix ? { gt: options.after } : { gte: prefix }),
        lt: options.before !== undefined && options.before < end ? options.before : end,
        reverse: options.reverse ?? false,
        limit: options.limit ?? -1,
      }
      for await (const [key, sealed] of db.iterator(range)) {
        yield [key, openValue(key, sealed)]
      }
    },
    async *rawEntries(prefix) {
      const range = prefix === undefined ? {} : { gte: prefix, lt: `${prefix}\uffff` }
      for await (const [key, sealed] of db.iterator(range)) {
        yield [key, sealed]
      }
    },
    async putRaw(entries) {
      for (const [key, sealed] of entries) {
        checkKey(key)
        openValue(key, sealed) // refuse anything that is not a record of this account
      }
      await db.batch(
        entries.map(([key, value]) => ({ type: 'put' as const, key, value })),
        { sync: true },
      )
    },
    blind,
    close: () => db.close(),
  }
  return store
}
