/** How the renderer is connected to the core that serves it. */
export type ConnectionState =
  /** First connection attempt, before the host has welcomed us. */
  | 'connecting'
  /** Welcomed: calls go through and events arrive. */
  | 'open'
  /** The connection dropped; trying again with backoff. */
  | 'reconnecting'
  /** The host refused our secret; nothing more will be tried. */
  | 'unauthorized'
  /** The client was shut down on purpose. */
  | 'closed'

export interface HostConnection {
  readonly getState: () => ConnectionState
  /** Called after every state change; returns the unsubscribe function. */
  readonly onStateChange: (listener: () => void) => () => void
}

/** A connection that is open for as long as the page lives (Electron's IPC bridge). */
export const ALWAYS_OPEN: HostConnection = {
  getState: () => 'open',
  onStateChange: () => () => undefined,
}
