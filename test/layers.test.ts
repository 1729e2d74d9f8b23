import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** What the pre-push gate's linter says of a file placed in a layer (written for the run, then removed). */
async function lintProbe(layerDir: string, source: string): Promise<string[]> {
  const file = join(ROOT, layerDir, `layer-probe-${randomBytes(4).toString('hex')}.ts`)
  await writeFile(file, source)
  try {
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([file])
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
  } finally {
    await rm(file, { force: true })
  }
}

/** A Node-only type imported through a package, then a Node global used as if it were allowed. */
const nodeThroughAPackage = (pkg: string, name: string): string =>
  `import type { ${name} } from '${pkg}'\nexport type Probe = ${name}\nexport const size = Buffer.from('x').length + process.pid\n`

describe('layers: each may import only its allow-list of packages', () => {
  it('the contract may not reach Node through a package (ws), an import() type or a reference', async () => {
    const messages = await lintProbe('src/api', nodeThroughAPackage('ws', 'WebSocket'))
    expect(messages).toContainEqual(
      expect.stringMatching(/no-restricted-imports: 'ws' import is restricted.*the contract/),
    )
    expect(await lintProbe('src/api', "export type W = import('ws').WebSocket\n")).toContainEqual(
      expect.stringContaining('no-restricted-syntax'),
    )
    expect(await lintProbe('src/api', '/// <reference types="node" />\nexport const x = 1\n')).toContainEqual(
      expect.stringContaining('triple-slash-reference'),
    )
  })

  it('the renderer may not reach Node through a package (vite)', async () => {
    const messages = await lintProbe('renderer/src', nodeThroughAPackage('vite', 'Plugin'))
    expect(messages).toContainEqual(
      expect.stringMatching(/no-restricted-imports: 'vite' import is restricted.*the renderer/),
    )
  })

  it('the core may not import a package outside its list, and the allowed ones pass', async () => {
    expect(await lintProbe('src/core', "import { app } from 'electron'\nexport const a = app\n")).toContainEqual(
      expect.stringContaining('no-restricted-imports'),
    )
    expect(await lintProbe('src/core', "import left from 'left-pad'\nexport const l: unknown = left\n")).toContainEqual(
      expect.stringMatching(/'left-pad' import is restricted.*the core/),
    )
    expect(
      await lintProbe(
        'src/core',
        "import { z } from 'zod'\nimport { sha256 } from '@noble/hashes/sha2.js'\nexport const s = z.string()\nexport const h = sha256\n",
      ),
    ).toEqual([])
  })
})
