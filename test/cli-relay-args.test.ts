import { describe, expect, it } from 'vitest'
import { UsageError, parseCli } from '../src/cli/args.js'

describe('parley node relay and address flags', () => {
  it('keeps the relay off and the banner on by default', () => {
    const options = parseCli(['node', '--data-dir', 'd'])
    expect(options.relay).toBeUndefined()
    expect(options.printAddress).toBe(false)
  })

  it('turns the relay on with --relay, its limits given or left to the defaults', () => {
    expect(parseCli(['node', '--data-dir', 'd', '--relay'])).toMatchObject({ command: 'node', relay: {} })
    const options = parseCli([
      'node',
      '--data-dir',
      'd',
      '--relay',
      '--relay-max-reservations',
      '4',
      '--relay-max-data',
      '1048576',
      '--relay-max-duration',
      '600000',
      '--print-address',
    ])
    expect(options).toMatchObject({
      relay: { maxReservations: 4, maxDataBytes: 1_048_576, maxDurationMs: 600_000 },
      printAddress: true,
    })
    // a relay serves only peers that dial it: lan-only and internet both allow it
    expect(parseCli(['node', '--data-dir', 'd', '--relay', '--mode', 'internet']).relay).toEqual({})
    expect(parseCli(['node', '--data-dir', 'd', '--relay', '--lan-only']).relay).toEqual({})
  })

  it.each([
    [['--relay', '--relay-max-reservations', '0'], '--relay-max-reservations must be a whole number from 1 to 10000'],
    [['--relay', '--relay-max-reservations', '10001'], '--relay-max-reservations must be a whole number'],
    [['--relay', '--relay-max-reservations', '2.5'], '--relay-max-reservations must be a whole number'],
    [['--relay', '--relay-max-reservations=-1'], '--relay-max-reservations must be a whole number'],
    [['--relay', '--relay-max-reservations', '-1'], /--relay-max-reservations/],
    [['--relay', '--relay-max-data', '1e6'], '--relay-max-data must be a whole number'],
    [['--relay', '--relay-max-data', '0x100'], '--relay-max-data must be a whole number'],
    [['--relay', '--relay-max-data', '99999999999999999999'], '--relay-max-data must be a whole number'],
    [['--relay', '--relay-max-data', ''], '--relay-max-data must be a whole number'],
    [
      ['--relay', '--relay-max-duration', '2147483648'],
      '--relay-max-duration must be a whole number from 1 to 2147483647',
    ],
    [['--relay', '--relay-max-duration', 'soon'], '--relay-max-duration must be a whole number'],
    [['--relay-max-reservations', '4'], '--relay-max-reservations needs --relay'],
    [['--relay-max-duration', '1000'], '--relay-max-duration needs --relay'],
    [['--relay', '--mode', 'offline'], '--relay needs a node: it cannot run with --mode offline'],
    [['--print-address', '--mode', 'offline'], '--print-address needs a node'],
    [['--relay', '--relay-max-reservations'], /argument missing|requires|value/i],
  ])('refuses %j with a clear message', (extra, message) => {
    const argv = ['node', '--data-dir', 'd', ...extra]
    expect(() => parseCli(argv)).toThrow(UsageError)
    expect(() => parseCli(argv)).toThrow(message)
  })

  it.each([
    [['web', '--data-dir', 'd', '--relay'], '--relay belongs to parley node'],
    [['web', '--data-dir', 'd', '--print-address'], '--print-address belongs to parley node'],
  ])('keeps node flags to parley node: %j', (argv, message) => {
    expect(() => parseCli(argv)).toThrow(message)
  })
})
