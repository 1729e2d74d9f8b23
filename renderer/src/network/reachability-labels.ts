import type { NetworkStatus } from '../../../src/api/index.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { i18n } from '../i18n/i18n.js'

export interface ReachabilityView {
  /** For the card's look: good news, a caveat, or nothing known. */
  readonly tone: 'good' | 'limited' | 'unknown' | 'local'
  /** The headline: "Reachable directly from the internet", "Behind a NAT, no relay yet"… */
  readonly headline: string
  /** One sentence on what it means. */
  readonly detail: string
}

/** What the node knows of its own reachability, in words, for the mode it is in. */
export function describeReachability(
  status: Pick<NetworkStatus, 'mode' | 'reachability' | 'relays'>,
): ReachabilityView {
  const { mode, reachability, relays } = status
  if (mode === 'offline') {
    return { tone: 'local', headline: i18n.t('network.reach.offline'), detail: i18n.t('network.reach.offlineText') }
  }
  if (mode === 'lan-only') {
    return { tone: 'local', headline: i18n.t('network.reach.lanOnly'), detail: i18n.t('network.reach.lanOnlyText') }
  }
  if (reachability === 'public') {
    return { tone: 'good', headline: i18n.t('network.reach.public'), detail: i18n.t('network.reach.publicText') }
  }
  const [first] = relays
  if (first !== undefined) {
    return {
      tone: 'limited',
      headline: i18n.t('network.reach.relayed', { count: relays.length, relay: shortPeerId(first) }),
      detail: i18n.t('network.reach.relayedText'),
    }
  }
  if (reachability === 'private') {
    return { tone: 'limited', headline: i18n.t('network.reach.noRelay'), detail: i18n.t('network.reach.noRelayText') }
  }
  return { tone: 'unknown', headline: i18n.t('network.reach.unknown'), detail: i18n.t('network.reach.unknownText') }
}
