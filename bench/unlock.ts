import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { scryptKdf, type Kdf } from '../src/crypto/kdf.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import type { StoreOp } from '../src/store/sealed-store.js'
import { median, printJson, printTable, round, type Row } from './report.js'

const RECORDS = 100_000
const CONVERSATIONS = 1_000
const ROUNDS = 3
const PASSWORD = 'benchmark passphrase, long enough'
const LIST_LENGTH = 50

/** The store-level query the conversation list makes: every conversation summary, newest first. */
async function conversationList(messenger: Messenger): Promise<unknown[]> {
  const account = messenger.account()
  if (account === undefined) throw new Error('locked')
  const summaries: { lastAt: number }[] = []
  for await (const [, value] of account.store.entries('conv/')) {
    summaries.push(JSON.parse(Buffer.from(value).toString('utf8')) as { lastAt: number })
  }
  return summaries.sort((a, b) => b.lastAt - a.lastAt).slice(0, LIST_LENGTH)
}

async function seed(messenger: Messenger): Promise<void> {
  const account = messenger.account()
  if (account === undefined) throw new Error('locked')
  const perConversation = (RECORDS - CONVERSATIONS) / CONVERSATIONS
  let ops: StoreOp[] = []
  const flush = async (): Promise<void> => {
    await account.store.batch(ops)
    ops = []
  }
  for (let c = 0; c < CONVERSATIONS; c++) {
    const conv = account.store.blind(`conversation-${c}`)
    const summary = {
      title: `Contact ${c}`,
      lastText: 'See you tomorrow!',
      lastAt: 1_700_000_000_000 + c,
      unread: c % 7,
    }
    ops.push({ type: 'put', key: `conv/${conv}`, value: Buffer.from(JSON.stringify(summary)) })
    for (let m = 0; m < perConversation; m++) {
      const text = `message ${m} ${randomBytes(24).toString('base64')}`
      const key = `msg/${conv}/${String(m).padStart(10, '0')}`
      ops.push({ type: 'put', key, value: Buffer.from(JSON.stringify({ from: c % 2, at: m, text })) })
    }
    if (ops.length >= 5_000) await flush()
  }
  await flush()
}

export async function benchUnlock(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  let kdfMs = 0
  const timedKdf: Kdf = async (password, salt, cost) => {
    const t0 = performance.now()
    const key = await scryptKdf(password, salt, cost)
    kdfMs += performance.now() - t0
    return key
  }
  const make = (): Messenger =>
    createMessenger({
      dataDir,
      host: 'in-process',
      mode: 'lan-only',
      mdns: false,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      kdf: timedKdf,
    })

  const setup = make()
  await setup.start()
  const created = await setup.handlers.createAccount({
    username: 'bench',
    password: PASSWORD,
    confirmPassword: PASSWORD,
  })
  const accountId = created.account?.accountId ?? ''
  const seedT0 = performance.now()
  await seed(setup)
  const seedMs = performance.now() - seedT0
  const { cost, ms: calibratedMs } = await setup.accounts.kdfCalibration()
  await setup.stop()

  const totals: number[] = []
  const kdfs: number[] = []
  const lists: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const messenger = make()
    await messenger.start()
    kdfMs = 0
    const t0 = performance.now()
    await messenger.handlers.unlockAccount({ accountId, password: PASSWORD })
    const unlocked = performance.now()
    const list = await conversationList(messenger)
    const t1 = performance.now()
    if (list.length !== LIST_LENGTH) throw new Error(`expected ${LIST_LENGTH} conversations, got ${list.length}`)
    totals.push(t1 - t0)
    kdfs.push(kdfMs)
    lists.push(t1 - unlocked)
    await messenger.stop()
  }
  await rm(dataDir, { recursive: true, force: true })

  const total = median(totals)
  const kdf = median(kdfs)
  const rows: Row[] = [
    {
      name: 'unlock → conversation list (median)',
      value: total,
      unit: 'ms',
      note: `${RECORDS} records, ${ROUNDS} rounds`,
    },
    {
      name: '  of which scrypt KDF',
      value: kdf,
      unit: 'ms',
      note: `N=2^${cost.logN}, r=${cost.r}, p=${cost.p}; ${round((kdf / total) * 100, 1)}%`,
    },
    {
      name: '  of which list query (1,000 summaries)',
      value: median(lists),
      unit: 'ms',
      note: `top ${LIST_LENGTH} shown`,
    },
    { name: 'KDF calibration at sign-up', value: calibratedMs, unit: 'ms', note: 'one derivation at the chosen cost' },
    { name: 'seeding 100k sealed records', value: seedMs, unit: 'ms', note: 'batches of 5,000' },
  ]
  printTable('unlock (real scrypt, real LevelDB on disk)', rows)
  printJson({
    bench: 'unlock',
    records: RECORDS,
    unlock_to_list_ms: round(total),
    kdf_ms: round(kdf),
    kdf_log_n: cost.logN,
    list_ms: round(median(lists)),
  })
}
