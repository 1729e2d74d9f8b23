import {
  MAX_UPLOAD_BYTES,
  TRANSFER_CHUNK_BYTES,
  fail,
  ok,
  type ParleyClient,
  type Result,
} from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'
import { base64ToBytes, bytesToBase64 } from './base64.js'

/** Called after every chunk with the bytes moved so far and the total. */
export type OnProgress = (done: number, total: number) => void

/**
 * Read a file the core offers (`exportBackup` → transferId) chunk by chunk
 * into a Blob. The core forgets the transfer after its last chunk.
 */
export async function downloadTransfer(
  client: ParleyClient,
  transferId: string,
  size: number,
  onProgress: OnProgress,
): Promise<Result<Blob>> {
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let offset = 0
  for (;;) {
    const length = Math.max(1, Math.min(TRANSFER_CHUNK_BYTES, size - offset))
    const result = await client.invoke('readTransfer', { transferId, offset, length })
    if (!result.ok) {
      void client.invoke('cancelTransfer', { transferId })
      return result
    }
    let chunk: Uint8Array<ArrayBuffer>
    try {
      chunk = base64ToBytes(result.value.data)
    } catch {
      void client.invoke('cancelTransfer', { transferId })
      return fail('CORRUPT', i18n.t('errors.transfer.damaged'))
    }
    chunks.push(chunk)
    offset += chunk.length
    onProgress(Math.min(offset, size), size)
    if (result.value.done) {
      break
    }
    if (chunk.length === 0) {
      void client.invoke('cancelTransfer', { transferId })
      return fail('CORRUPT', i18n.t('errors.transfer.short'))
    }
  }
  return ok(new Blob(chunks, { type: 'application/octet-stream' }))
}

/** Send a local file to the core chunk by chunk; resolves to the upload's transferId. */
export async function uploadFile(client: ParleyClient, file: Blob, onProgress: OnProgress): Promise<Result<string>> {
  if (file.size === 0) {
    return fail('INVALID_ARGUMENTS', i18n.t('errors.transfer.empty'))
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return fail('INVALID_ARGUMENTS', i18n.t('errors.transfer.tooLarge', { size: MAX_UPLOAD_BYTES / (1024 * 1024) }))
  }
  const started = await client.invoke('startUpload', { size: file.size })
  if (!started.ok) {
    return started
  }
  const { transferId } = started.value
  onProgress(0, file.size)
  for (let offset = 0; offset < file.size; offset += TRANSFER_CHUNK_BYTES) {
    let data: string
    try {
      data = bytesToBase64(new Uint8Array(await file.slice(offset, offset + TRANSFER_CHUNK_BYTES).arrayBuffer()))
    } catch {
      void client.invoke('cancelTransfer', { transferId })
      return fail('INVALID_ARGUMENTS', i18n.t('errors.transfer.unreadable'))
    }
    const written = await client.invoke('writeUpload', { transferId, offset, data })
    if (!written.ok) {
      void client.invoke('cancelTransfer', { transferId })
      return written
    }
    onProgress(written.value.received, file.size)
  }
  return ok(transferId)
}
