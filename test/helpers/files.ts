import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/** Every file under `dir`, with its bytes. */
export async function allFiles(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const files: { path: string; bytes: Buffer }[] = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files.push({ path, bytes: await readFile(path) })
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path))
}

/** Where `needle` appears in the files, as UTF-8, UTF-16LE or base64 — any hit is a leak. */
export async function findCanary(dir: string, needle: string): Promise<string[]> {
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64').slice(0, 16)),
  ]
  const hits: string[] = []
  for (const file of await allFiles(dir)) {
    if (forms.some((form) => file.bytes.includes(form))) hits.push(file.path)
  }
  return hits
}
