import type { Route } from '../src/api/index.js'
import type { BareResult, DialConfig } from './reach-bare.js'
import { percentile, type Latency, type Throughput } from './reach-measure.js'
import { printJson, printTable, round, type Row } from './report.js'

/** The reach benchmark's table and JSON line, from what bench/reach.ts measured. */

export type Reach = Route | 'looking' | 'unreachable'

export interface ReachSettings {
  readonly relays: number
  readonly latencyMessages: number
  readonly burstMessages: number
  readonly burstWindow: number
  readonly idleMs: number
  readonly upgradeTimeoutMs: number
  readonly bare: Omit<DialConfig, 'target'>
}

export interface RunResult {
  /** Milliseconds from spawning both processes: both cores running, both accounts, A reserved, contacts, first message at B. */
  readonly readyMs: number
  readonly accountsMs: number
  readonly reservedMs: number
  readonly contactsMs: number
  readonly firstMsgMs: number
  /** The first message alone: A's sendMessage → B stored it. */
  readonly firstOneWayMs: number
  readonly routeAtFirst: Reach
  /** When A first saw B on a direct connection (from the spawn), if it did. */
  readonly directMs: number | null
  readonly routeMeasured: Reach
  /** A's relay reservations when the latency run started. */
  readonly reservations: number
  readonly routeAtEnd: Reach
  /** CPU per cent of A, B and the relay(s) while nothing was sent, before the latency run. */
  readonly idleCpu: { readonly a: number; readonly b: number; readonly relays: number }
  readonly lat: Latency
  readonly tp: Throughput
  readonly ipc: number[]
}

export interface Floors {
  readonly relayed: BareResult
  readonly direct: BareResult
}

const JSON_KEYS = [
  'relay_first_msg_ms',
  'direct_first_msg_ms',
  'upgraded_to_direct',
  'relay_latency_p50_ms',
  'direct_latency_p50_ms',
  'bare_relay_rtt_p50_ms',
  'bare_direct_rtt_p50_ms',
  'relay_latency_p99_ms',
  'direct_latency_p99_ms',
  'relay_one_way_p50_ms',
  'direct_one_way_p50_ms',
  'relay_msgs_per_s',
  'direct_msgs_per_s',
  'bare_relay_msgs_per_s',
  'bare_direct_msgs_per_s',
  'ipc_rtt_p50_ms',
  'relay_latency_floor_ratio',
  'direct_latency_floor_ratio',
  'direct_route_at_first_msg',
  'direct_upgrade_ms',
  'idle_cpu_a_pct',
  'idle_cpu_b_pct',
  'idle_cpu_relay_pct',
  'relays',
  'load_avg_before',
] as const

/** The JSON line when nothing could be measured. */
export function printUnmeasured(reason: string): void {
  process.stdout.write(`reach not measured (it needs network namespaces and iptables NAT): ${reason}\n`)
  printJson({ bench: 'reach', ...Object.fromEntries(JSON_KEYS.map((k) => [k, null])) })
}

const p = (values: readonly number[], q: number, digits = 2): number => round(percentile(values, q), digits)
const pct = (n: number): string => `${Math.round(n)} %`

function runRows(settings: ReachSettings, label: string, r: RunResult, floor: BareResult): Row[] {
  const rttP50 = percentile(r.lat.roundTrip, 50)
  return [
    {
      name: `${label}: process start → first message at B`,
      value: r.firstMsgMs,
      unit: 'ms',
      note: `both cores running ${Math.round(r.readyMs)}, accounts ${Math.round(r.accountsMs)}, A reserved ${Math.round(r.reservedMs)}, contacts ${Math.round(r.contactsMs)}; the message itself ${round(r.firstOneWayMs, 1)} ms; route then: ${r.routeAtFirst}`,
    },
    {
      name: `${label}: round trip p50`,
      value: rttP50,
      unit: 'ms',
      note: `sendMessage → "delivered" at A; ${settings.latencyMessages} one at a time on a ${r.routeMeasured} route (A holds ${r.reservations} reservation(s)); p99 ${p(r.lat.roundTrip, 99)} ms; ${round(rttP50 / percentile(floor.rttMs, 50), 1)}× the bare RTT`,
    },
    {
      name: `${label}: one way p50`,
      value: percentile(r.lat.oneWay, 50),
      unit: 'ms',
      note: `sendMessage → stored at B; p99 ${p(r.lat.oneWay, 99)} ms; sendMessage itself resolves in ${p(r.lat.resolved, 50)} ms (p50)`,
    },
    {
      name: `${label}: throughput`,
      value: r.tp.msgsPerS,
      unit: 'msg/s',
      note: `${settings.burstMessages} messages, window ${settings.burstWindow}, until all acknowledged (${Math.round(r.tp.deliveredMs)} ms; all stored at B after ${Math.round(r.tp.storedMs)} ms); route at the end: ${r.routeAtEnd}`,
    },
    {
      name: `${label}: idle CPU of A`,
      value: r.idleCpu.a,
      unit: '%',
      note: `${settings.idleMs} ms with nothing sent, of one CPU; B ${pct(r.idleCpu.b)}, the relay(s) ${pct(r.idleCpu.relays)}`,
    },
  ]
}

function floorRows(settings: ReachSettings, label: string, f: BareResult): Row[] {
  return [
    {
      name: `baseline: bare libp2p RTT p50, ${label}`,
      value: percentile(f.rttMs, 50),
      unit: 'ms',
      note: `${settings.bare.bytes}-byte echo, ${settings.bare.rounds} rounds; p99 ${p(f.rttMs, 99, 3)} ms; on ${f.remoteAddr}`,
    },
    {
      name: `baseline: bare libp2p messages/s, ${label}`,
      value: f.msgsPerS,
      unit: 'msg/s',
      note: `${settings.bare.messages} × ${settings.bare.messageBytes} B, an ack frame each, window ${settings.bare.window}`,
    },
  ]
}

export function printReport(
  settings: ReachSettings,
  floor: Floors,
  relayed: RunResult,
  direct: RunResult,
  load: { readonly before: number; readonly after: number },
): void {
  const upgraded = direct.directMs !== null && direct.routeMeasured === 'direct'
  const ipc = [...relayed.ipc, ...direct.ipc]
  const relays = settings.relays === 1 ? 'a Parley relay' : `${settings.relays} Parley relays`
  printTable(
    `reach: two homes behind NATs, ${relays} on the public subnet (namespaces, one machine; load average ${round(load.before)} before, ${round(load.after)} after)`,
    [
      ...runRows(settings, 'relayed', relayed, floor.relayed),
      ...floorRows(settings, 'via the relay', floor.relayed),
      ...runRows(settings, 'direct', direct, floor.direct),
      {
        name: 'direct: A first connected directly to B',
        value: direct.directMs ?? Number.NaN,
        unit: 'ms',
        note: upgraded
          ? `from the spawn; ${Math.round(direct.directMs - direct.reservedMs)} ms after A's reservation (DCUtR's direct dial of the forwarded, announced port)`
          : `never within ${settings.upgradeTimeoutMs} ms of the first message: measured on ${direct.routeMeasured}`,
      },
      ...floorRows(settings, 'direct', floor.direct),
      {
        name: 'baseline: IPC to the peer process p50',
        value: percentile(ipc, 50),
        unit: 'ms',
        note: `a getSession call and its answer over the child's stdin/stdout: in every core figure once; p99 ${p(ipc, 99, 3)} ms`,
      },
    ],
  )
  const relayP50 = percentile(relayed.lat.roundTrip, 50)
  const directP50 = percentile(direct.lat.roundTrip, 50)
  printJson({
    bench: 'reach',
    relay_first_msg_ms: round(relayed.firstMsgMs, 1),
    direct_first_msg_ms: round(direct.firstMsgMs, 1),
    upgraded_to_direct: upgraded,
    relay_latency_p50_ms: round(relayP50, 3),
    direct_latency_p50_ms: round(directP50, 3),
    bare_relay_rtt_p50_ms: p(floor.relayed.rttMs, 50, 3),
    bare_direct_rtt_p50_ms: p(floor.direct.rttMs, 50, 3),
    relay_latency_p99_ms: p(relayed.lat.roundTrip, 99, 3),
    direct_latency_p99_ms: p(direct.lat.roundTrip, 99, 3),
    relay_one_way_p50_ms: p(relayed.lat.oneWay, 50, 3),
    direct_one_way_p50_ms: p(direct.lat.oneWay, 50, 3),
    relay_msgs_per_s: Math.round(relayed.tp.msgsPerS),
    direct_msgs_per_s: Math.round(direct.tp.msgsPerS),
    bare_relay_msgs_per_s: Math.round(floor.relayed.msgsPerS),
    bare_direct_msgs_per_s: Math.round(floor.direct.msgsPerS),
    ipc_rtt_p50_ms: p(ipc, 50, 3),
    relay_latency_floor_ratio: round(relayP50 / percentile(floor.relayed.rttMs, 50), 1),
    direct_latency_floor_ratio: round(directP50 / percentile(floor.direct.rttMs, 50), 1),
    direct_route_at_first_msg: direct.routeAtFirst,
    direct_upgrade_ms: direct.directMs === null ? null : round(direct.directMs, 1),
    idle_cpu_a_pct: Math.round(relayed.idleCpu.a),
    idle_cpu_b_pct: Math.round(relayed.idleCpu.b),
    idle_cpu_relay_pct: Math.round(relayed.idleCpu.relays),
    relays: settings.relays,
    load_avg_before: round(load.before),
  })
}
