import { MemoryLevel } from 'memory-level'
import { sealedStoreOn, type SealedStore } from '../../src/store/sealed-store.js'

/**
 * A sealed store on an in-memory LevelDB (memory-level), for unit tests where
 * the disk is not the point: the same sealing, keys and ordered ranges, no
 * files. Tests about durability (crashes, restarts, at-rest bytes) use disk.
 */
export async function memoryStore(dataKey: Uint8Array): Promise<SealedStore> {
  return sealedStoreOn(new MemoryLevel<string, Uint8Array>({ keyEncoding: 'utf8', valueEncoding: 'view' }), dataKey)
}
