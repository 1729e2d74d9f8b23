import { describe, expect, it } from 'vitest'
import { createLogger, type LogRecord } from '../src/core/logger.js'
import {
  ServiceStartError,
  ServiceStopError,
  ServiceWiringError,
  composeServices,
  type ParleyService,
  type ServiceOf,
} from '../src/core/services.js'

/** The components of a toy group: a store given to it, a queue and a mailbox its services provide. */
interface Toy {
  readonly store: string
  readonly queue: string
  readonly mailbox: string
  readonly report: string
}

type ToyService = ServiceOf<Toy>

/** A service that records what it did in `journal`; `fail` makes its start or stop throw. */
function toy<N extends keyof Toy, P extends keyof Toy = never>(
  journal: string[],
  name: string,
  needs: readonly N[],
  provides: readonly P[] = [],
  fail: { readonly start?: boolean; readonly stop?: boolean; readonly omit?: boolean } = {},
): ParleyService<Pick<Toy, N>, Pick<Toy, P>> {
  return {
    name,
    needs,
    provides,
    start: (components) => {
      journal.push(`start ${name} with ${JSON.stringify(components)}`)
      if (fail.start === true) return Promise.reject(new Error(`${name} cannot start`))
      const provided = Object.fromEntries(fail.omit === true ? [] : provides.map((p) => [p, `${p} of ${name}`]))
      return Promise.resolve(provided as Pick<Toy, P>)
    },
    stop: () => {
      journal.push(`stop ${name}`)
      return fail.stop === true ? Promise.reject(new Error(`${name} cannot stop`)) : Promise.resolve()
    },
  }
}

function capture(): { logger: ReturnType<typeof createLogger>; records: LogRecord[] } {
  const records: LogRecord[] = []
  return { records, logger: createLogger({ level: 'debug', sink: (r) => records.push(r) }) }
}

describe('the service composer', () => {
  it('starts services after the providers of their needs, hands each only what it declared, stops in reverse', async () => {
    const journal: string[] = []
    const { logger } = capture()
    // listed in the wrong order on purpose: the composer orders them by needs
    const services: ToyService[] = [
      toy(journal, 'reporter', ['mailbox', 'queue'], ['report']),
      toy(journal, 'mailbox', ['store', 'queue'], ['mailbox']),
      toy(journal, 'queue', ['store'], ['queue']),
      toy(journal, 'idle', []),
    ]
    const group = composeServices<Toy, ToyService>({ scope: 'toy', services, components: { store: 'db' }, logger })
    expect(group.order).toEqual(['queue', 'mailbox', 'reporter', 'idle'])
    expect(journal).toEqual([]) // composing starts nothing

    await group.start()
    expect(journal).toEqual([
      'start queue with {"store":"db"}',
      'start mailbox with {"store":"db","queue":"queue of queue"}',
      'start reporter with {"mailbox":"mailbox of mailbox","queue":"queue of queue"}',
      'start idle with {}',
    ])
    expect(group.running().map((s) => s.name)).toEqual(['queue', 'mailbox', 'reporter', 'idle'])
    expect(group.get('mailbox')).toBe('mailbox of mailbox')
    expect(group.get('store')).toBe('db')

    journal.length = 0
    await group.start() // already started: nothing happens twice
    expect(journal).toEqual([])

    await group.stop()
    expect(journal).toEqual(['stop idle', 'stop reporter', 'stop mailbox', 'stop queue'])
    expect(group.running()).toEqual([])
    expect(group.get('mailbox')).toBeUndefined()
    await group.stop() // and stopping twice stops nothing twice
    expect(journal).toHaveLength(4)
  })

  it('reports a failing start by name, stops what had started in reverse, and starts nothing after it', async () => {
    const journal: string[] = []
    const { logger, records } = capture()
    const services: ToyService[] = [
      toy(journal, 'queue', ['store'], ['queue']),
      toy(journal, 'mailbox', ['queue'], ['mailbox']),
      toy(journal, 'reporter', ['mailbox'], ['report'], { start: true }),
      toy(journal, 'late', ['report']),
    ]
    const group = composeServices<Toy, ToyService>({ scope: 'toy', services, components: { store: 'db' }, logger })

    const failure = await group.start().then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(failure).toBeInstanceOf(ServiceStartError)
    expect(failure).toMatchObject({
      scope: 'toy',
      service: 'reporter',
      message: 'toy service "reporter" failed to start: reporter cannot start',
    })
    expect((failure as ServiceStartError).cause).toMatchObject({ message: 'reporter cannot start' })
    expect(journal.map((line) => line.split(' with ')[0])).toEqual([
      'start queue',
      'start mailbox',
      'start reporter',
      'stop mailbox',
      'stop queue',
    ])
    expect(group.running()).toEqual([])
    expect(records.find((r) => r.msg === 'service failed to start')).toMatchObject({
      level: 'error',
      scope: 'toy',
      service: 'reporter',
      error: { message: 'reporter cannot start' },
    })

    // a failed start can be tried again once the cause is gone; nothing is left to stop now
    journal.length = 0
    await group.stop()
    expect(journal).toEqual([])
  })

  it('stops every service even when one stop fails, and says which', async () => {
    const journal: string[] = []
    const { logger, records } = capture()
    const services: ToyService[] = [
      toy(journal, 'queue', ['store'], ['queue']),
      toy(journal, 'mailbox', ['queue'], ['mailbox'], { stop: true }),
      toy(journal, 'reporter', ['mailbox'], ['report']),
    ]
    const group = composeServices<Toy, ToyService>({ scope: 'toy', services, components: { store: 'db' }, logger })
    await group.start()
    journal.length = 0

    await expect(group.stop()).rejects.toBeInstanceOf(ServiceStopError)
    expect(journal).toEqual(['stop reporter', 'stop mailbox', 'stop queue'])
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'service failed to stop', service: 'mailbox' }),
    )
  })

  it('treats a service that does not provide what it declared as a failed start', async () => {
    const journal: string[] = []
    const { logger } = capture()
    const services: ToyService[] = [
      toy(journal, 'queue', ['store'], ['queue'], { omit: true }),
      toy(journal, 'mailbox', ['queue'], ['mailbox']),
    ]
    const group = composeServices<Toy, ToyService>({ scope: 'toy', services, components: { store: 'db' }, logger })
    await expect(group.start()).rejects.toThrow('toy service "queue" failed to start: it did not provide queue')
    // it had started, so it was stopped; the one needing its queue never started
    expect(journal.map((line) => line.split(' with ')[0])).toEqual(['start queue', 'stop queue'])
  })

  it('refuses wrong wiring before anything starts', () => {
    const journal: string[] = []
    const { logger } = capture()
    const compose = (services: ToyService[]): unknown =>
      composeServices<Toy, ToyService>({ scope: 'toy', services, components: { store: 'db' }, logger })

    expect(() => compose([toy(journal, 'mailbox', ['queue'], ['mailbox'])])).toThrow(
      new ServiceWiringError('toy service "mailbox" needs "queue", which nothing provides'),
    )
    expect(() =>
      compose([toy(journal, 'mailbox', ['queue'], ['mailbox']), toy(journal, 'queue', ['mailbox'], ['queue'])]),
    ).toThrow('toy services need each other in a cycle: mailbox, queue')
    expect(() => compose([toy(journal, 'queue', [], ['queue']), toy(journal, 'queue', [], [])])).toThrow(
      'toy service "queue" is listed twice',
    )
    expect(() => compose([toy(journal, 'a', [], ['queue']), toy(journal, 'b', [], ['queue'])])).toThrow(
      'toy service "b" provides "queue", which "a" provides',
    )
    expect(() => compose([toy(journal, 'a', [], ['store'])])).toThrow(
      'toy service "a" provides "store", which the group is given',
    )
    expect(journal).toEqual([])
  })
})
