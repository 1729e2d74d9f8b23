import { createContext, use } from 'react'

/**
 * In-memory routes: the URL carries the web host's secret (and Electron loads
 * file://), so the address bar is not ours to route with. A route is plain
 * data; screens that need parameters (a chat, a contact) add them here.
 */
export type Route =
  | { readonly name: 'chats' }
  | { readonly name: 'contacts' }
  | { readonly name: 'profile' }
  | { readonly name: 'network' }
  | { readonly name: 'settings' }

export type RouteName = Route['name']

export const DEFAULT_ROUTE: Route = { name: 'network' }

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
