import type { Logger } from './logger.js'

/**
 * One piece of Parley in the libp2p style: it names the components it needs
 * and the ones it provides, and implements `start`/`stop`. The composer
 * starts it after whatever provides its needs, hands it exactly those, makes
 * what it returns available to the services after it, and stops it in
 * reverse order.
 *
 * `Needs` is what `start` reads (e.g. `Pick<AccountComponents, 'account' | 'outbox'>`),
 * `Provides` what it adds (e.g. `{ contacts: ContactsService }`).
 */
export interface ParleyService<Needs extends object = object, Provides extends object = object> {
  /** Unique within its group; used in logs and errors. */
  readonly name: string
  /** The components `start` reads, by name: their providers start first. */
  readonly needs: readonly (keyof Needs & string)[]
  /** The components `start` resolves with, by name. */
  readonly provides: readonly (keyof Provides & string)[]
  start(components: Needs): Promise<Provides>
  /** Releases everything `start` took; called once after each start that succeeded (never after a failed one). */
  stop(): Promise<void>
}

/**
 * Any service of a group whose components are `C`, with the group's extra
 * hooks: what the composer holds. (Spelt out rather than `ParleyService<C, Partial<C>>`,
 * which the compiler would compare by variance and refuse.)
 */
export type ServiceOf<C extends object, Hooks extends object = object> = {
  readonly name: string
  readonly needs: readonly (keyof C & string)[]
  readonly provides: readonly (keyof C & string)[]
  start(components: C): Promise<Partial<C>>
  stop(): Promise<void>
} & Hooks

/** The group's wiring is wrong (a need nobody provides, a cycle, a name twice): found before anything starts. */
export class ServiceWiringError extends Error {
  override readonly name = 'ServiceWiringError'
}

/** A service's `start` threw; the services started before it have been stopped again. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError'
  constructor(
    readonly scope: string,
    readonly service: string,
    cause: unknown,
  ) {
    super(`${scope} service "${service}" failed to start: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    })
  }
}

/** One or more `stop`s threw; every other service was still stopped. */
export class ServiceStopError extends AggregateError {
  override readonly name = 'ServiceStopError'
}

export interface ServiceGroup<C extends object, S extends ServiceOf<C> = ServiceOf<C>> {
  /** The start order (dependencies first), decided when the group is composed. */
  readonly order: readonly string[]
  /**
   * Starts every service in order. If one fails, it is logged, those already
   * started are stopped in reverse, and a ServiceStartError names it.
   */
  start(): Promise<void>
  /** Stops the running services in reverse order; each failure is logged, the rest still stop. */
  stop(): Promise<void>
  /** A component given to the group or provided by a running service. */
  get<K extends keyof C>(name: K): C[K] | undefined
  /** The services whose start has finished and whose stop has not begun, in start order. */
  running(): readonly S[]
}

export interface ComposeOptions<C extends object, S extends ServiceOf<C>> {
  /** Names the group in logs and errors: `node`, `account`. */
  readonly scope: string
  readonly services: readonly S[]
  /** What the group starts with (the node, the account, the clock…). */
  readonly components: Partial<C>
  readonly logger: Logger
}

/** Orders services so each comes after the providers of its needs; ties keep the given order. */
function startOrder<C extends object, S extends ServiceOf<C>>(
  scope: string,
  services: readonly S[],
  given: ReadonlySet<string>,
): S[] {
  const providerOf = new Map<string, S>()
  const names = new Set<string>()
  for (const service of services) {
    if (names.has(service.name)) throw new ServiceWiringError(`${scope} service "${service.name}" is listed twice`)
    names.add(service.name)
    for (const component of service.provides) {
      const other = providerOf.get(component)
      if (given.has(component) || other !== undefined) {
        throw new ServiceWiringError(
          `${scope} service "${service.name}" provides "${component}", which ${other === undefined ? 'the group is given' : `"${other.name}" provides`}`,
        )
      }
      providerOf.set(component, service)
    }
  }
  for (const service of services) {
    for (const need of service.needs) {
      if (!given.has(need) && !providerOf.has(need)) {
        throw new ServiceWiringError(`${scope} service "${service.name}" needs "${need}", which nothing provides`)
      }
    }
  }
  const ordered: S[] = []
  const placed = new Set<S>()
  while (ordered.length < services.length) {
    const next = services.find(
      (s) =>
        !placed.has(s) &&
        s.needs.every((need) => {
          const provider = providerOf.get(need)
          return provider === undefined || placed.has(provider)
        }),
    )
    if (next === undefined) {
      const stuck = services.filter((s) => !placed.has(s)).map((s) => s.name)
      throw new ServiceWiringError(`${scope} services need each other in a cycle: ${stuck.join(', ')}`)
    }
    placed.add(next)
    ordered.push(next)
  }
  return ordered
}

/**
 * Composes services into a group that starts in dependency order and stops
 * in reverse. Wiring mistakes throw ServiceWiringError here, before anything starts.
 */
export function composeServices<C extends object, S extends ServiceOf<C>>(
  options: ComposeOptions<C, S>,
): ServiceGroup<C, S> {
  const { scope, logger } = options
  const components = new Map<string, unknown>(
    Object.entries(options.components).filter(([, value]) => value !== undefined),
  )
  const given = new Set(components.keys())
  const ordered = startOrder<C, S>(scope, options.services, given)
  const running: S[] = []
  let started = false

  const stopRunning = async (): Promise<unknown[]> => {
    const failures: unknown[] = []
    while (running.length > 0) {
      const service = running.pop()
      if (service === undefined) break
      // what it provided is gone as soon as it begins to stop
      for (const component of service.provides) components.delete(component)
      try {
        await service.stop()
        logger.debug('service stopped', { scope, service: service.name })
      } catch (err) {
        logger.error('service failed to stop', { scope, service: service.name, error: err })
        failures.push(err)
      }
    }
    return failures
  }

  return {
    order: ordered.map((s) => s.name),
    async start() {
      if (started) return
      started = true
      const fail = async (service: S, err: unknown): Promise<ServiceStartError> => {
        logger.error('service failed to start', { scope, service: service.name, error: err })
        await stopRunning()
        started = false
        return new ServiceStartError(scope, service.name, err)
      }
      for (const service of ordered) {
        const needs = Object.fromEntries(service.needs.map((need) => [need, components.get(need)])) as C
        let provided: Record<string, unknown>
        try {
          provided = await service.start(needs)
        } catch (err) {
          throw await fail(service, err)
        }
        // it started, so it stops with the others whatever comes next
        running.push(service)
        const missing = service.provides.filter((component) => provided[component] === undefined)
        if (missing.length > 0) {
          throw await fail(service, new ServiceWiringError(`it did not provide ${missing.join(', ')}`))
        }
        for (const component of service.provides) components.set(component, provided[component])
        logger.debug('service started', { scope, service: service.name })
      }
    },
    async stop() {
      if (!started) return
      started = false
      const failures = await stopRunning()
      if (failures.length > 0) {
        throw new ServiceStopError(failures, `${failures.length} ${scope} service(s) failed to stop`)
      }
    },
    get: <K extends keyof C>(name: K) => components.get(name as string) as C[K] | undefined,
    running: () => [...running],
  }
}
