import { describe, expect, it } from 'vitest'
import { UsageError, parseCli } from '../src/cli/args.js'

describe('parley command line', () => {
  it('parses the web command with its defaults', () => {
    expect(parseCli(['web', '--data-dir', 'd'])).toMatchObject({
      command: 'web',
      dataDir: 'd',
      mode: 'lan-only',
      mdns: true,
      port: 0,
      host: '127.0.0.1',
      allowRemote: false,
      printEvents: false,
      newLink: false,
    })
    expect(parseCli(['web', '--new-link', '--data-dir', 'd'])).toMatchObject({ command: 'web', newLink: true })
  })

  it('parses network options', () => {
    const options = parseCli([
      'node',
      '--data-dir',
      'd',
      '--mode',
      'internet',
      '--listen',
      '/ip4/0.0.0.0/tcp/4001',
      '--listen',
      '/ip4/0.0.0.0/tcp/4002/ws',
      '--no-bootstrap',
      '--no-mdns',
      '--print-events',
    ])
    expect(options).toMatchObject({
      command: 'node',
      mode: 'internet',
      listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'],
      bootstrap: [],
      mdns: false,
      printEvents: true,
    })
  })

  it.each([
    [[], /missing command/],
    [['serve', '--data-dir', 'd'], /unknown command "serve"/],
    [['web'], /--data-dir DIR is required/],
    [['web', '--data-dir', 'd', '--port', '70000'], /--port/],
    [['web', '--data-dir', 'd', '--mode', 'everywhere'], /--mode must be one of/],
    [['web', '--data-dir', 'd', '--lan-only', '--mode', 'internet'], /contradicts/],
    [['web', '--data-dir', 'd', '--frobnicate'], /frobnicate/],
    [['web', '--data-dir', 'd', 'extra'], /unexpected argument/],
    [['node', '--data-dir', 'd', '--new-link'], /--new-link belongs to parley web/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(UsageError)
    expect(() => parseCli(argv)).toThrow(message)
  })
})
