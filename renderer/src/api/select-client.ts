import { createBridgeClient, findBridge } from './bridge-client.js'
import type { RendererClient } from './renderer-client.js'
import { forgetSecret, reloadOnNewLink, takeSecret } from './secret.js'
import { createWebSocketClient } from './web-socket-client.js'

export type ClientChoice =
  | { readonly kind: 'ready'; readonly client: RendererClient }
  /** Served by the web host but opened without its link: we cannot authenticate. */
  | { readonly kind: 'missing-secret' }

/** The WebSocket endpoint of the web host that served this page. */
export function apiUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/api`
}

/**
 * Electron's preload bridge when there is one; otherwise the web host's
 * WebSocket, authenticated with the secret from the link.
 */
export function selectClient(): ClientChoice {
  const bridge = findBridge()
  if (bridge !== undefined) {
    return { kind: 'ready', client: createBridgeClient(bridge) }
  }
  reloadOnNewLink()
  const secret = takeSecret()
  if (secret === undefined || window.location.host === '') {
    return { kind: 'missing-secret' }
  }
  const client = createWebSocketClient({ url: apiUrl(window.location), secret, onUnauthorized: forgetSecret })
  return { kind: 'ready', client }
}
