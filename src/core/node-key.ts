import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'

const KEY_FILE = 'node-key'

/**
 * The libp2p identity (Ed25519) of this data directory, created on first use.
 * Persisting it keeps the peer ID stable across restarts. The accounts layer
 * replaces this file with a key sealed under the account's data key.
 */
export async function loadOrCreateNodeKey(dataDir: string): Promise<PrivateKey> {
  const path = join(dataDir, KEY_FILE)
  try {
    return privateKeyFromProtobuf(await readFile(path))
  } catch (err) {
    if (!isNotFound(err)) {
      throw new Error(`cannot read the node key in ${KEY_FILE}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      })
    }
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const key = await generateKeyPair('Ed25519')
  const tmp = `${path}.tmp`
  await writeFile(tmp, privateKeyToProtobuf(key), { mode: 0o600 })
  await rename(tmp, path)
  return key
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT'
}
