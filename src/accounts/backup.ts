import { sha256 } from '@noble/hashes/sha2.js'
import { z } from 'zod'
import { TamperedError, open, seal } from '../crypto/aead.js'
import { concatBytes, equalBytes, fromBase64, toBase64, u32be, utf8, wipe } from '../crypto/bytes.js'
import { hmacSha256 } from '../crypto/hkdf.js'
import { kdfParamsSchema, newSalt, type Kdf, type KdfCost } from '../crypto/kdf.js'
import { MAX_RECORD_KEY_LENGTH } from '../store/sealed-store.js'

/**
 * Backup file, version 1 (see docs/PROTOCOL.md §4):
 *
 *   magic "PARLEY-BACKUP-1\n" (16 bytes)
 *   u32 header length ‖ header (JSON: format, version, kdf {scrypt params, salt}, check, createdAt)
 *   frames: u32 length ‖ XChaCha20-Poly1305 sealed chunk, AAD = context ‖ SHA-256(header) ‖ u32 index ‖ u8 last
 *
 * The plaintext, cut into chunks of at most 64 KiB, is: u32 length ‖ meta JSON
 * (account ID, username, creation time, data key), then for every record of
 * the account: u32 key length ‖ key ‖ u32 value length ‖ value, the value
 * still sealed under the data key exactly as it was stored.
 */
export const BACKUP_MAGIC = utf8('PARLEY-BACKUP-1\n')
export const BACKUP_CHUNK_BYTES = 64 * 1024
const MAX_HEADER_BYTES = 4096
const MAX_FRAME_BYTES = BACKUP_CHUNK_BYTES + 64
const MAX_VALUE_BYTES = 16 * 1024 * 1024
const FRAME_CONTEXT = utf8('parley/backup/v1\0')
const CHECK_CONTEXT = utf8('parley/backup/v1/password-check')

const headerSchema = z
  .object({
    format: z.literal('parley-backup'),
    version: z.literal(1),
    kdf: kdfParamsSchema,
    check: z.string().length(44),
    createdAt: z.number().int().nonnegative(),
  })
  .strict()

const metaSchema = z
  .object({
    accountId: z.string().regex(/^[0-9a-f]{32}$/),
    username: z.string().min(1).max(64),
    createdAt: z.number().int().nonnegative(),
    dataKey: z.string().length(44),
  })
  .strict()

export interface BackupContent {
  readonly accountId: string
  readonly username: string
  readonly createdAt: number
  readonly dataKey: Uint8Array
  readonly records: readonly (readonly [string, Uint8Array])[]
}

export class BackupPasswordError extends Error {
  override readonly name = 'BackupPasswordError'
}
export class CorruptBackupError extends Error {
  override readonly name = 'CorruptBackupError'
}

function frameAad(headerHash: Uint8Array, index: number, last: boolean): Uint8Array {
  return concatBytes(FRAME_CONTEXT, headerHash, u32be(index), Uint8Array.of(last ? 1 : 0))
}

function passwordCheck(key: Uint8Array): string {
  return toBase64(hmacSha256(key, CHECK_CONTEXT))
}

export async function writeBackup(
  content: BackupContent,
  password: string,
  kdf: Kdf,
  cost: KdfCost,
  now: number,
): Promise<Uint8Array> {
  const salt = newSalt()
  const key = await kdf(password, salt, cost)
  try {
    const header = utf8(
      JSON.stringify({
        format: 'parley-backup',
        version: 1,
        kdf: { name: 'scrypt', ...cost, salt: toBase64(salt) },
        check: passwordCheck(key),
        createdAt: now,
      }),
    )
    const meta = utf8(
      JSON.stringify({
        accountId: content.accountId,
        username: content.username,
        createdAt: content.createdAt,
        dataKey: toBase64(content.dataKey),
      }),
    )
    const parts: Uint8Array[] = [u32be(meta.length), meta]
    for (const [k, v] of content.records) {
      const keyBytes = utf8(k)
      parts.push(u32be(keyBytes.length), keyBytes, u32be(v.length), v)
    }
    const plaintext = concatBytes(...parts)
    const headerHash = sha256(header)
    const frames: Uint8Array[] = []
    const count = Math.max(1, Math.ceil(plaintext.length / BACKUP_CHUNK_BYTES))
    for (let i = 0; i < count; i++) {
      const chunk = plaintext.subarray(i * BACKUP_CHUNK_BYTES, (i + 1) * BACKUP_CHUNK_BYTES)
      const sealed = seal(key, chunk, frameAad(headerHash, i, i === count - 1))
      frames.push(u32be(sealed.length), sealed)
    }
    wipe(plaintext)
    return concatBytes(BACKUP_MAGIC, u32be(header.length), header, ...frames)
  } finally {
    wipe(key)
  }
}

/** A bounds-checked reader: every read past the end is a clear "truncated" error. */
class Reader {
  private offset = 0
  constructor(private readonly bytes: Uint8Array) {}
  get remaining(): number {
    return this.bytes.length - this.offset
  }
  take(n: number, what: string): Uint8Array {
    if (n > this.remaining) throw new CorruptBackupError(`the backup is truncated (in ${what})`)
    const out = this.bytes.subarray(this.offset, this.offset + n)
    this.offset += n
    return out
  }
  u32(what: string): number {
    const b = this.take(4, what)
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0, false)
  }
}

export async function readBackup(bytes: Uint8Array, password: string, kdf: Kdf): Promise<BackupContent> {
  const reader = new Reader(bytes)
  if (!equalBytes(reader.take(BACKUP_MAGIC.length, 'magic'), BACKUP_MAGIC)) {
    throw new CorruptBackupError('this is not a Parley backup, or from an unknown version')
  }
  const headerLength = reader.u32('header length')
  if (headerLength > MAX_HEADER_BYTES) throw new CorruptBackupError('the backup header is too large')
  const headerBytes = reader.take(headerLength, 'header')
  let header: z.infer<typeof headerSchema>
  try {
    header = headerSchema.parse(JSON.parse(Buffer.from(headerBytes).toString('utf8')))
  } catch {
    throw new CorruptBackupError('the backup header is damaged or from an unknown version')
  }
  // the cost comes from an unauthenticated file: accept only what we write ourselves
  if (header.kdf.r !== 8 || header.kdf.p !== 1 || header.kdf.logN < 10 || header.kdf.logN > 20) {
    throw new CorruptBackupError('the backup uses password-hashing parameters Parley does not write')
  }
  const key = await kdf(password, fromBase64(header.kdf.salt), header.kdf)
  try {
    if (passwordCheck(key) !== header.check) throw new BackupPasswordError('wrong password for this backup')
    const headerHash = sha256(headerBytes)
    const chunks: Uint8Array[] = []
    for (let index = 0; ; index++) {
      const length = reader.u32('frame length')
      if (length > MAX_FRAME_BYTES) throw new CorruptBackupError('a backup frame is too large')
      const sealed = reader.take(length, 'frame')
      const last = reader.remaining === 0
      try {
        chunks.push(open(key, sealed, frameAad(headerHash, index, last), 'backup frame'))
      } catch (err) {
        if (err instanceof TamperedError) {
          throw new CorruptBackupError(`the backup is damaged (frame ${index} fails authentication)`)
        }
        throw err
      }
      if (last) break
    }
    return parsePayload(concatBytes(...chunks))
  } finally {
    wipe(key)
  }
}

function parsePayload(plaintext: Uint8Array): BackupContent {
  const reader = new Reader(plaintext)
  const metaLength = reader.u32('meta length')
  if (metaLength > MAX_HEADER_BYTES) throw new CorruptBackupError('the backup metadata is too large')
  let meta: z.infer<typeof metaSchema>
  try {
    meta = metaSchema.parse(JSON.parse(Buffer.from(reader.take(metaLength, 'meta')).toString('utf8')))
  } catch (err) {
    if (err instanceof CorruptBackupError) throw err
    throw new CorruptBackupError('the backup metadata is damaged')
  }
  const records: [string, Uint8Array][] = []
  while (reader.remaining > 0) {
    const keyLength = reader.u32('record key length')
    if (keyLength === 0 || keyLength > MAX_RECORD_KEY_LENGTH * 4)
      throw new CorruptBackupError('a record key is invalid')
    const key = Buffer.from(reader.take(keyLength, 'record key')).toString('utf8')
    const valueLength = reader.u32('record value length')
    if (valueLength > MAX_VALUE_BYTES) throw new CorruptBackupError('a record is too large')
    records.push([key, Uint8Array.from(reader.take(valueLength, 'record value'))])
  }
  return {
    accountId: meta.accountId,
    username: meta.username,
    createdAt: meta.createdAt,
    dataKey: fromBase64(meta.dataKey),
    records,
  }
}
