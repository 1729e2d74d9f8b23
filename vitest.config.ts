import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // libp2p nodes and network namespaces are real: keep concurrency modest on 2 cores
    maxWorkers: 2,
    reporters: ['default'],
  },
})
