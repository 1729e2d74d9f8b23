import type { ParleyClient } from '../../../src/api/index.js'
import type { HostConnection } from './connection.js'

/** The contract's client plus what the UI needs to show the link to the core. */
export interface RendererClient extends ParleyClient {
  readonly connection: HostConnection
}
