import { scryptKdf, type Kdf, type KdfCost } from '../../src/crypto/kdf.js'

/**
 * Tests of features other than the KDF itself use a cheap scrypt cost so the
 * suite stays fast; the production cost (N ≥ 2^17) is asserted in
 * accounts.test.ts and measured in the unlock benchmark.
 */
export const TEST_KDF_COST: KdfCost = { logN: 10, r: 8, p: 1 }

/** A KDF that records every derivation's cost, to show what each password guess pays. */
export function spyKdf(): { kdf: Kdf; calls: KdfCost[] } {
  const calls: KdfCost[] = []
  return {
    calls,
    kdf: (password, salt, cost) => {
      calls.push({ ...cost })
      return scryptKdf(password, salt, cost)
    },
  }
}

export const PASSWORD = 'correct horse battery staple'
