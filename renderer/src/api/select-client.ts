import { createBridgeClient, findBridge } from './bridge-client.js'
import type { RendererClient } from './renderer-client.js'
import { checkSession, forgetPageKey, reloadOnNewLink, signIn, type SignIn } from './web-session.js'
import { createWebSocketClient } from './web-socket-client.js'

export type ClientChoice =
  | { readonly kind: 'ready'; readonly client: RendererClient }
  /** Served by the web host, but this browser could not sign in: which screen to show. */
  | { readonly kind: 'signed-out'; readonly reason: Exclude<SignIn['kind'], 'signed-in'> }

/** The WebSocket endpoint of the web host that served this page. */
export function apiUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}/api`
}

/**
 * Electron's preload bridge when there is one; otherwise the web host's
 * WebSocket, once this browser has signed in (with the link's token, taken
 * from the address bar by the caller before anything else ran).
 */
export async function selectClient(linkToken: string | undefined): Promise<ClientChoice> {
  const bridge = findBridge()
  if (bridge !== undefined) {
    return { kind: 'ready', client: createBridgeClient(bridge) }
  }
  reloadOnNewLink()
  if (window.location.host === '') return { kind: 'signed-out', reason: 'missing' }
  const signedIn = await signIn(linkToken)
  if (signedIn.kind !== 'signed-in') return { kind: 'signed-out', reason: signedIn.kind }
  const { pageKey } = signedIn
  const client = createWebSocketClient({
    url: apiUrl(window.location),
    pageKey,
    checkSession: () => checkSession(pageKey),
    onUnauthorized: forgetPageKey,
  })
  return { kind: 'ready', client }
}
