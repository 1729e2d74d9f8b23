import { randomBytes } from '@noble/hashes/utils.js'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiFailure, type AccountSummary } from '../api/index.js'
import { toHex, wipe } from '../crypto/bytes.js'
import { DEFAULT_KDF_COST, MIN_LOG_N, calibrateKdf, scryptKdf, type Kdf, type KdfCost } from '../crypto/kdf.js'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import type { AtomicWriteFaults } from '../store/atomic-file.js'
import { openSealedStore, type SealedStore } from '../store/sealed-store.js'
import { BackupPasswordError, CorruptBackupError, readBackup, writeBackup } from './backup.js'
import { IDENTITY_RECORD, generateIdentity, identityRecord, loadIdentity, type Identity } from './identity.js'
import {
  CorruptVaultError,
  WrongPasswordError,
  readVault,
  sealVault,
  unwrapDataKey,
  writeVault,
  type Vault,
} from './vault.js'

export interface AccountManagerOptions {
  /** The folder holding one sub-folder per account (`<data dir>/accounts`). */
  readonly root: string
  readonly clock: Clock
  readonly logger: Logger
  readonly kdf?: Kdf
  /**
   * The KDF cost for new vaults. Default: calibrated on this machine, never
   * below scrypt N=2^17, r=8, p=1. Only tests of unrelated features pass less.
   */
  readonly kdfCost?: KdfCost
  /** Failure injection for the password change (tests). */
  readonly faults?: { readonly vaultWrite?: AtomicWriteFaults }
}

export interface UnlockedAccount {
  readonly summary: AccountSummary
  readonly store: SealedStore
  readonly identity: Identity
  /** Closes the store and forgets the keys. */
  close(): Promise<void>
  /** The data key, for a backup; the caller must not keep it. */
  readonly dataKey: Uint8Array
}

export interface AccountManager {
  list(): Promise<AccountSummary[]>
  create(username: string, password: string): Promise<UnlockedAccount>
  unlock(accountId: string, password: string): Promise<UnlockedAccount>
  changePassword(accountId: string, oldPassword: string, newPassword: string): Promise<void>
  /** Checks the password, runs `beforeRemove` (close the account if open), then deletes every file. */
  remove(accountId: string, password: string, beforeRemove?: () => Promise<void>): Promise<void>
  exportBackup(account: UnlockedAccount, password: string): Promise<Uint8Array>
  importBackup(bytes: Uint8Array, password: string): Promise<AccountSummary>
  /** The KDF cost new vaults get (after calibration) and how long one derivation took. */
  kdfCalibration(): Promise<{ cost: KdfCost; ms: number }>
}

const DB_FOLDER = 'db'
const ACCOUNT_ID = /^[0-9a-f]{32}$/

function summaryOf(vault: Vault): AccountSummary {
  return { accountId: vault.accountId, username: vault.username, createdAt: vault.createdAt }
}

function sameName(a: string, b: string): boolean {
  return a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase()
}

function isLockedError(err: unknown): boolean {
  const cause = typeof err === 'object' && err !== null && 'cause' in err ? err.cause : undefined
  const code = (e: unknown): unknown => (typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined)
  return code(err) === 'LEVEL_LOCKED' || code(cause) === 'LEVEL_LOCKED'
}

export function createAccountManager(options: AccountManagerOptions): AccountManager {
  const kdf = options.kdf ?? scryptKdf
  const log = options.logger
  let calibration: Promise<{ cost: KdfCost; ms: number }> | undefined

  const kdfCalibration = (): Promise<{ cost: KdfCost; ms: number }> => {
    calibration ??=
      options.kdfCost !== undefined
        ? (async () => {
            const cost = options.kdfCost ?? DEFAULT_KDF_COST
            const t0 = performance.now()
            await kdf('calibration', randomBytes(32), cost)
            return { cost, ms: performance.now() - t0 }
          })()
        : calibrateKdf(kdf, DEFAULT_KDF_COST)
    return calibration
  }

  const accountDir = (accountId: string): string => {
    if (!ACCOUNT_ID.test(accountId)) throw new ApiFailure('NOT_FOUND', 'no such account')
    return join(options.root, accountId)
  }

  const vaultOf = async (accountId: string): Promise<Vault> => {
    try {
      return await readVault(accountDir(accountId))
    } catch (err) {
      if (err instanceof CorruptVaultError && err.message.includes('ENOENT')) {
        throw new ApiFailure('NOT_FOUND', 'no such account on this device')
      }
      if (err instanceof CorruptVaultError) throw new ApiFailure('CORRUPT', err.message)
      throw err
    }
  }

  const unwrap = async (vault: Vault, password: string): Promise<Uint8Array> => {
    try {
      return await unwrapDataKey(vault, password, kdf)
    } catch (err) {
      if (err instanceof WrongPasswordError) throw new ApiFailure('WRONG_PASSWORD', 'wrong password')
      throw err
    }
  }

  const openAccount = async (dir: string, summary: AccountSummary, dataKey: Uint8Array): Promise<UnlockedAccount> => {
    let store: SealedStore
    try {
      store = await openSealedStore(join(dir, DB_FOLDER), dataKey)
    } catch (err) {
      wipe(dataKey)
      if (isLockedError(err)) {
        throw new ApiFailure('CONFLICT', 'this account is open in another Parley process', undefined)
      }
      throw err
    }
    let identity: Identity
    try {
      identity = await loadIdentity(store)
    } catch (err) {
      await store.close()
      wipe(dataKey)
      throw new ApiFailure('CORRUPT', `the account's data is damaged: ${err instanceof Error ? err.message : ''}`)
    }
    let closed = false
    return {
      summary,
      store,
      identity,
      dataKey,
      async close() {
        if (closed) return
        closed = true
        await store.close()
        wipe(dataKey, identity.signingSecret, identity.agreementSecret)
      },
    }
  }

  const list = async (): Promise<AccountSummary[]> => {
    let names: string[]
    try {
      names = await readdir(options.root)
    } catch {
      return []
    }
    const accounts: AccountSummary[] = []
    for (const name of names.filter((n) => ACCOUNT_ID.test(n))) {
      try {
        accounts.push(summaryOf(await readVault(join(options.root, name))))
      } catch (err) {
        log.warn('skipping an unreadable account folder', { account: name, error: err })
      }
    }
    return accounts.sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username))
  }

  const requireFreeName = async (username: string): Promise<void> => {
    if ((await list()).some((a) => sameName(a.username, username))) {
      throw new ApiFailure('CONFLICT', `an account named "${username}" already exists on this device`, {
        username: 'This username is already used on this device',
      })
    }
  }

  /** Builds an account in a hidden folder and renames it into place: it appears whole or not at all. */
  const materialise = async (
    vaultInput: { accountId: string; username: string; createdAt: number; password: string; dataKey: Uint8Array },
    fill: (store: SealedStore) => Promise<void>,
  ): Promise<string> => {
    const { cost, ms } = await kdfCalibration()
    await mkdir(options.root, { recursive: true, mode: 0o700 })
    const staging = join(options.root, `.staging-${vaultInput.accountId}-${toHex(randomBytes(6))}`)
    await rm(staging, { recursive: true, force: true })
    await mkdir(staging, { mode: 0o700 })
    try {
      const store = await openSealedStore(join(staging, DB_FOLDER), vaultInput.dataKey)
      try {
        await fill(store)
      } finally {
        await store.close()
      }
      const vault = await sealVault({ ...vaultInput, cost, calibratedMs: ms, kdf })
      await writeVault(staging, vault)
      const dir = accountDir(vaultInput.accountId)
      await rename(staging, dir)
      return dir
    } catch (err) {
      await rm(staging, { recursive: true, force: true })
      throw err
    }
  }

  return {
    list,
    kdfCalibration,

    async create(username, password) {
      await requireFreeName(username)
      const accountId = toHex(randomBytes(16))
      const dataKey = randomBytes(32)
      const identity = generateIdentity()
      const createdAt = options.clock.now()
      const dir = await materialise({ accountId, username, createdAt, password, dataKey }, (store) =>
        store.putJson(IDENTITY_RECORD, identityRecord(identity, createdAt)),
      )
      log.info('account created', { account: accountId })
      return openAccount(dir, { accountId, username, createdAt }, dataKey)
    },

    async unlock(accountId, password) {
      const vault = await vaultOf(accountId)
      const dataKey = await unwrap(vault, password)
      log.info('account unlocked', { account: accountId })
      return openAccount(accountDir(accountId), summaryOf(vault), dataKey)
    },

    async changePassword(accountId, oldPassword, newPassword) {
      const vault = await vaultOf(accountId)
      const dataKey = await unwrap(vault, oldPassword)
      try {
        const { cost, ms } = await kdfCalibration()
        // never lower an account's cost below what it had, nor below the floor
        const logN = Math.max(cost.logN, options.kdfCost === undefined ? Math.max(vault.kdf.logN, MIN_LOG_N) : 0)
        const next = await sealVault({
          accountId,
          username: vault.username,
          createdAt: vault.createdAt,
          password: newPassword,
          dataKey,
          cost: { ...cost, logN },
          calibratedMs: ms,
          kdf,
        })
        // one atomic rename: after a crash either the old or the new vault is in place, whole
        await writeVault(accountDir(accountId), next, options.faults?.vaultWrite)
        log.info('account password changed', { account: accountId })
      } finally {
        wipe(dataKey)
      }
    },

    async remove(accountId, password, beforeRemove) {
      const vault = await vaultOf(accountId)
      wipe(await unwrap(vault, password))
      await beforeRemove?.()
      const dir = accountDir(accountId)
      const doomed = join(options.root, `.deleting-${accountId}`)
      // once renamed the account is gone from the list; the wrapped key goes first
      await rename(dir, doomed)
      await rm(join(doomed, 'vault.json'), { force: true })
      await rm(doomed, { recursive: true, force: true })
      log.info('account deleted', { account: accountId })
    },

    async exportBackup(account, password) {
      const vault = await vaultOf(account.summary.accountId)
      wipe(await unwrap(vault, password))
      const records: [string, Uint8Array][] = []
      for await (const entry of account.store.rawEntries()) records.push(entry)
      const { cost } = await kdfCalibration()
      // a copy: locking the account wipes its key, possibly while this export still runs
      const dataKey = Uint8Array.from(account.dataKey)
      try {
        return await writeBackup({ ...account.summary, dataKey, records }, password, kdf, cost, options.clock.now())
      } finally {
        wipe(dataKey)
      }
    },

    async importBackup(bytes, password) {
      let content
      try {
        content = await readBackup(bytes, password, kdf)
      } catch (err) {
        if (err instanceof BackupPasswordError) throw new ApiFailure('WRONG_PASSWORD', err.message)
        if (err instanceof CorruptBackupError) throw new ApiFailure('CORRUPT', err.message)
        throw err
      }
      const existing = await list()
      if (existing.some((a) => a.accountId === content.accountId)) {
        throw new ApiFailure('CONFLICT', `the account "${content.username}" is already on this device`)
      }
      await requireFreeName(content.username)
      try {
        await materialise({ ...content, password }, async (store) => {
          await store.putRaw(content.records)
          // the identity must be there and readable with this key
          await loadIdentity(store)
        })
      } catch (err) {
        if (err instanceof ApiFailure) throw err
        throw new ApiFailure('CORRUPT', `the backup's records are damaged: ${err instanceof Error ? err.message : ''}`)
      } finally {
        wipe(content.dataKey)
      }
      log.info('account imported', { account: content.accountId })
      return { accountId: content.accountId, username: content.username, createdAt: content.createdAt }
    },
  }
}
