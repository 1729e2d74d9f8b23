import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/** Playwright never downloads a browser here: it drives the system's Chromium. */
function systemChromium(): string | undefined {
  const candidates = [
    process.env.PARLEY_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path))
}

const executablePath = systemChromium()

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // each spec starts real cores and a browser: one at a time on a 2-core machine
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    headless: true,
    // the specs find elements by their English names; the i18n spec opens Spanish contexts itself
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath === undefined ? {} : { executablePath }),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
})
