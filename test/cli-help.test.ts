import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { UsageError, parseInvocation } from '../src/cli/args.js'
import { COMMANDS, helpHint, usage } from '../src/cli/usage.js'
import { requireBuiltCli } from './support/cli-process.js'

/** Every option the parser knows, as the help must show it. */
const WEB_FLAGS = ['--data-dir DIR', '--port N', '--host ADDR', '--allow-remote', '--new-link', '--static DIR']
const NODE_FLAGS = [
  '--data-dir DIR',
  '--relay',
  '--relay-max-reservations N',
  '--relay-max-data BYTES',
  '--relay-max-duration MS',
  '--print-address',
  '--print-events',
]
const NETWORK_FLAGS = [
  '--mode MODE',
  '--lan-only',
  '--listen MULTIADDR',
  '--bootstrap MULTIADDR',
  '--no-bootstrap',
  '--no-mdns',
  '--log-level LEVEL',
  '-h, --help',
]

describe('parley help', () => {
  it.each([[['--help']], [['-h']], [['help']], [['--help', '--no-mdns']]])('%j asks for the whole help', (argv) => {
    expect(parseInvocation(argv)).toEqual({ kind: 'help' })
  })

  it.each(
    COMMANDS.flatMap((command) => [
      [[command, '--help'], command],
      [[command, '-h'], command],
      [['help', command], command],
      // help wins over what is missing or wrong with the rest
      [[command, '--data-dir', 'd', '--mode', 'everywhere', '--help'], command],
      [['--help', command], command],
    ]),
  )('%j asks for the help of %s', (argv, command) => {
    expect(parseInvocation(argv)).toEqual({ kind: 'help', command })
  })

  it('runs a command given without help', () => {
    expect(parseInvocation(['node', '--data-dir', 'd'])).toMatchObject({ kind: 'run', options: { command: 'node' } })
  })

  it.each([
    [['--frobnicate'], 'unknown option "--frobnicate"', undefined],
    [['web', '--frobnicate'], 'unknown option "--frobnicate"', 'web'],
    [['node', '--data-dri', 'd'], 'unknown option "--data-dri" (did you mean --data-dir?)', 'node'],
    [['web', '-x'], 'unknown option "-x"', 'web'],
    [['serve'], 'unknown command "serve"', undefined],
    [['nod', '--help'], 'unknown command "nod" (did you mean "node"?)', undefined],
    [['help', 'serve'], 'unknown command "serve"', undefined],
    [['help', 'web', 'node'], 'unexpected argument "node"', 'web'],
    [['node', '--data-dir', 'd', '--relay-max-data', '1'], '--relay-max-data needs --relay', 'node'],
  ])('refuses %j: %s, pointing to the help', (argv, message, command) => {
    let error: unknown
    try {
      parseInvocation(argv)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe(message)
    expect((error as UsageError).command).toBe(command)
  })

  it('lists every option with its argument, a default where there is one, and examples', () => {
    const all = usage()
    for (const flag of [...WEB_FLAGS, ...NODE_FLAGS, ...NETWORK_FLAGS]) expect(all).toContain(flag)
    for (const text of ['parley web', 'parley node', '(default: lan-only)', '(default: 32)', 'Examples:']) {
      expect(all).toContain(text)
    }
    expect(usage('web')).toContain('parley web --data-dir')
    for (const flag of [...WEB_FLAGS, ...NETWORK_FLAGS]) expect(usage('web')).toContain(flag)
    expect(usage('web')).not.toContain('--relay')
    for (const flag of [...NODE_FLAGS, ...NETWORK_FLAGS]) expect(usage('node')).toContain(flag)
    expect(usage('node')).not.toContain('--new-link')
    expect(helpHint('node')).toBe('Run "parley node --help" for usage.')
  })
})

interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

function runCli(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [requireBuiltCli(), ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
      resolve({ code, stdout, stderr })
    })
  })
}

describe('the built parley command', () => {
  it('prints the help on stdout and exits 0, and refuses an unknown option on stderr with exit 2', async () => {
    const help = await runCli(['--help'])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toBe(usage())
    expect(help.stdout).toContain('Usage:')

    const web = await runCli(['web', '--help'])
    expect(web).toEqual({ code: 0, stdout: usage('web'), stderr: '' })

    const wrong = await runCli(['node', '--frobnicate'])
    expect(wrong).toEqual({
      code: 2,
      stdout: '',
      stderr: 'parley: unknown option "--frobnicate"\nRun "parley node --help" for usage.\n',
    })
  })
})
