import { createContext, use } from 'react'

/**
 * In-memory routes: the URL carries the web host's secret (and Electron loads
 * file://), so the address bar is not ours to route with. A route is plain
 * data; screens that need parameters (a chat, a contact) add them here.
 */
export type Route =
  /** The conversations, and the one with this ID open (none: just the list). */
  | { readonly name: 'chats'; readonly conversationId?: string }
  /** The list (no view), one contact, or the safety number with one contact. */
  | { readonly name: 'contacts'; readonly view?: ContactsView }
  | { readonly name: 'profile' }
  | { readonly name: 'network' }
  | { readonly name: 'settings' }

export type ContactsView =
  { readonly kind: 'contact'; readonly peerId: string } | { readonly kind: 'safety-number'; readonly peerId: string }

export type RouteName = Route['name']

/**
 * Equal for equal routes: the shell moves the focus to the new heading when it
 * changes. Switching chats keeps the key (the chat moves the focus to its composer).
 */
export function routeKey(route: Route): string {
  return route.name === 'contacts' && route.view !== undefined
    ? `${route.name}/${route.view.kind}/${route.view.peerId}`
    : route.name
}

export const DEFAULT_ROUTE: Route = { name: 'chats' }

export interface Router {
  readonly route: Route
  readonly navigate: (route: Route) => void
}

export const RouterContext = createContext<Router | null>(null)

export function useRouter(): Router {
  const router = use(RouterContext)
  if (router === null) {
    throw new Error('useRouter() must be used inside <RouterProvider>')
  }
  return router
}
