import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { PARLEY_VERSION } from '../src/core/version.js'

describe('version', () => {
  it('matches package.json', async () => {
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(PARLEY_VERSION).toBe(manifest.version)
  })
})
