import { describe, expect, it } from 'vitest'
import {
  ApiFailure,
  COMMAND_NAMES,
  commandSchemas,
  dispatchCommand,
  type CommandHandlers,
  type NetworkStatus,
} from '../src/api/index.js'

const status: NetworkStatus = {
  peerId: '12D3KooWtest',
  mode: 'offline',
  running: false,
  listenAddresses: [],
  peers: [],
  reachability: 'unknown',
  relays: [],
}

function handlers(overrides: Partial<CommandHandlers> = {}): CommandHandlers {
  const unused = Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, () => Promise.reject(new Error(`${name} is not used here`))]),
  ) as unknown as CommandHandlers
  return {
    ...unused,
    getAppInfo: () => Promise.resolve({ name: 'Parley', version: '0.0.0', host: 'in-process' }),
    getNetworkStatus: () => Promise.resolve(status),
    setNetworkMode: ({ mode }) => Promise.resolve({ ...status, mode }),
    dialPeer: ({ multiaddr }) => Promise.resolve({ peerId: 'x', remoteAddress: multiaddr }),
    hangUpPeer: () => Promise.resolve(null),
    ...overrides,
  }
}

describe('dispatchCommand', () => {
  it('runs a known command with valid arguments', async () => {
    const result = await dispatchCommand(handlers(), 'setNetworkMode', { mode: 'internet' })
    expect(result).toEqual({ ok: true, value: { ...status, mode: 'internet' } })
  })

  it('refuses an unknown command with UNKNOWN_COMMAND', async () => {
    const result = await dispatchCommand(handlers(), 'formatDisk', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    expect(!result.ok && result.error.message).toContain('formatDisk')
  })

  it('does not treat inherited object properties as commands', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const result = await dispatchCommand(handlers(), name, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    }
  })

  it('refuses a non-string command name', async () => {
    const result = await dispatchCommand(handlers(), { evil: true }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
  })

  it('refuses invalid arguments with a message naming the field', async () => {
    const result = await dispatchCommand(handlers(), 'setNetworkMode', { mode: 'everywhere' })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    expect(!result.ok && result.error.message).toMatch(/^invalid arguments for setNetworkMode: mode:/)
  })

  it('refuses unexpected extra arguments', async () => {
    const result = await dispatchCommand(handlers(), 'getNetworkStatus', { sneaky: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
  })

  it('refuses oversized and malformed multiaddrs before the core sees them', async () => {
    let called = false
    const h = handlers({
      dialPeer: () => {
        called = true
        return Promise.resolve({ peerId: 'x', remoteAddress: 'y' })
      },
    })
    for (const multiaddr of ['', 'tcp/1', `/${'a'.repeat(2000)}`, 42]) {
      const result = await dispatchCommand(h, 'dialPeer', { multiaddr })
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    }
    expect(called).toBe(false)
  })

  it('passes an ApiFailure code through and wraps other errors as INTERNAL', async () => {
    const failing = handlers({
      dialPeer: () => Promise.reject(new ApiFailure('DIAL_FAILED', 'no route')),
      getNetworkStatus: () => Promise.reject(new Error('boom')),
    })
    expect(await dispatchCommand(failing, 'dialPeer', { multiaddr: '/ip4/10.0.0.1/tcp/1' })).toEqual({
      ok: false,
      error: { code: 'DIAL_FAILED', message: 'no route' },
    })
    expect(await dispatchCommand(failing, 'getNetworkStatus', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'getNetworkStatus failed: boom' },
    })
  })

  it('reports per-field messages for forms', async () => {
    const result = await dispatchCommand(handlers(), 'createAccount', {
      username: 'alice',
      password: 'short',
      confirmPassword: 'different',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    expect(!result.ok && result.error.fields).toMatchObject({
      password: expect.stringMatching(/at least 10/) as unknown,
    })
  })

  it('lists every command with a schema', () => {
    expect(COMMAND_NAMES.sort()).toEqual(Object.keys(commandSchemas).sort())
  })
})
