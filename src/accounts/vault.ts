import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { TamperedError, open, seal } from '../crypto/aead.js'
import { concatBytes, fromBase64, toBase64, utf8, wipe } from '../crypto/bytes.js'
import { kdfParamsSchema, newSalt, type Kdf, type KdfCost, type KdfParams } from '../crypto/kdf.js'
import { writeFileAtomic, type AtomicWriteFaults } from '../store/atomic-file.js'

/**
 * `vault.json`: the only clear-text file of an account. It holds what the
 * start screen shows (username), and the account's random data key wrapped
 * (XChaCha20-Poly1305) under a key derived from the password by scrypt.
 */
export const VAULT_FILE = 'vault.json'
export const MAX_VAULT_BYTES = 16 * 1024

export const vaultSchema = z
  .object({
    format: z.literal('parley-vault'),
    version: z.literal(1),
    accountId: z.string().regex(/^[0-9a-f]{32}$/),
    username: z.string().min(1).max(64),
    createdAt: z.number().int().nonnegative(),
    kdf: kdfParamsSchema.extend({ calibratedMs: z.number().nonnegative() }),
    wrappedKey: z.string().min(1).max(1024),
  })
  .strict()

export type Vault = z.infer<typeof vaultSchema>

export class WrongPasswordError extends Error {
  override readonly name = 'WrongPasswordError'
  constructor() {
    super('wrong password')
  }
}

export class CorruptVaultError extends Error {
  override readonly name = 'CorruptVaultError'
}

function wrapAad(accountId: string, kdf: KdfParams): Uint8Array {
  return concatBytes(utf8('parley/vault/v1\0'), utf8(accountId), utf8(`\0${kdf.logN}/${kdf.r}/${kdf.p}/${kdf.salt}`))
}

function costOf(kdf: KdfParams): KdfCost {
  return { logN: kdf.logN, r: kdf.r, p: kdf.p }
}

export async function readVault(accountDir: string): Promise<Vault> {
  let text: string
  try {
    const bytes = await readFile(join(accountDir, VAULT_FILE))
    if (bytes.length > MAX_VAULT_BYTES) throw new CorruptVaultError('the account file is too large')
    text = bytes.toString('utf8')
  } catch (err) {
    if (err instanceof CorruptVaultError) throw err
    throw new CorruptVaultError(`cannot read the account file: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new CorruptVaultError('the account file is not valid JSON', { cause: err })
  }
  const parsed = vaultSchema.safeParse(json)
  if (!parsed.success) {
    throw new CorruptVaultError(`the account file is damaged or from an unknown version`)
  }
  return parsed.data
}

export interface SealVaultInput {
  readonly accountId: string
  readonly username: string
  readonly createdAt: number
  readonly password: string
  readonly dataKey: Uint8Array
  readonly cost: KdfCost
  readonly calibratedMs: number
  readonly kdf: Kdf
}

/** Builds a vault wrapping `dataKey` under a fresh salt and the given cost. */
export async function sealVault(input: SealVaultInput): Promise<Vault> {
  const kdf: KdfParams = { name: 'scrypt', ...input.cost, salt: toBase64(newSalt()) }
  const kek = await input.kdf(input.password, fromBase64(kdf.salt), input.cost)
  try {
    return {
      format: 'parley-vault',
      version: 1,
      accountId: input.accountId,
      username: input.username,
      createdAt: input.createdAt,
      kdf: { ...kdf, calibratedMs: Math.round(input.calibratedMs) },
      wrappedKey: toBase64(seal(kek, input.dataKey, wrapAad(input.accountId, kdf))),
    }
  } finally {
    wipe(kek)
  }
}

/** Derives the key from the password (paying the stored KDF cost every time) and unwraps the data key. */
export async function unwrapDataKey(vault: Vault, password: string, kdf: Kdf): Promise<Uint8Array> {
  const params: KdfParams = {
    name: 'scrypt',
    logN: vault.kdf.logN,
    r: vault.kdf.r,
    p: vault.kdf.p,
    salt: vault.kdf.salt,
  }
  const kek = await kdf(password, fromBase64(params.salt), costOf(params))
  try {
    return open(kek, fromBase64(vault.wrappedKey), wrapAad(vault.accountId, params), 'data key')
  } catch (err) {
    if (err instanceof TamperedError) throw new WrongPasswordError()
    throw err
  } finally {
    wipe(kek)
  }
}

export async function writeVault(accountDir: string, vault: Vault, faults?: AtomicWriteFaults): Promise<void> {
  await writeFileAtomic(join(accountDir, VAULT_FILE), `${JSON.stringify(vault, null, 2)}\n`, faults)
}
