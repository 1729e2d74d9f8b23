import { scryptAsync } from '@noble/hashes/scrypt.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { z } from 'zod'

/**
 * Password KDF: scrypt (OWASP: at least N=2^17, r=8, p=1). The parameters and
 * the salt are stored beside what they protect, so they can be raised later
 * without breaking old vaults.
 */
export const MIN_LOG_N = 17
/** 2^20 with r=8 needs 1 GiB: the ceiling for a desktop. */
export const MAX_LOG_N = 20
export const KDF_R = 8
export const KDF_P = 1
export const SALT_BYTES = 32

export const kdfParamsSchema = z
  .object({
    name: z.literal('scrypt'),
    logN: z.number().int().min(1).max(MAX_LOG_N),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(16).max(128),
  })
  .strict()

export type KdfParams = z.infer<typeof kdfParamsSchema>

export interface KdfCost {
  readonly logN: number
  readonly r: number
  readonly p: number
}

/** The production cost; tests of other features may pass a cheaper one explicitly. */
export const DEFAULT_KDF_COST: KdfCost = { logN: MIN_LOG_N, r: KDF_R, p: KDF_P }

export type Kdf = (password: string, salt: Uint8Array, cost: KdfCost) => Promise<Uint8Array>

export const scryptKdf: Kdf = (password, salt, cost) =>
  scryptAsync(password.normalize('NFKC'), salt, {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    dkLen: 32,
    maxmem: 2 ** cost.logN * cost.r * 128 + 1024 * 1024,
    asyncTick: 20,
  })

export function newSalt(): Uint8Array {
  return randomBytes(SALT_BYTES)
}

/**
 * Picks the cost for new vaults: the floor (2^17) unless this machine is so
 * fast that doubling it still stays under the target; returns the time one
 * derivation took at the chosen cost, which is recorded in the vault.
 */
export async function calibrateKdf(
  kdf: Kdf,
  floor: KdfCost,
  targetMs = 1000,
  now: () => number = () => performance.now(),
): Promise<{ cost: KdfCost; ms: number }> {
  let cost = floor
  const salt = newSalt()
  let t0 = now()
  await kdf('calibration', salt, cost)
  let ms = now() - t0
  while (cost.logN < MAX_LOG_N && ms * 2 <= targetMs) {
    const next = { ...cost, logN: cost.logN + 1 }
    t0 = now()
    await kdf('calibration', salt, next)
    cost = next
    ms = now() - t0
  }
  return { cost, ms }
}
