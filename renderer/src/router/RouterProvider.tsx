import { useMemo, useState, type ReactNode } from 'react'
import { DEFAULT_ROUTE, RouterContext, type Route, type Router } from './router-context.js'

export interface RouterProviderProps {
  readonly initialRoute?: Route
  readonly children: ReactNode
}

export function RouterProvider({ initialRoute = DEFAULT_ROUTE, children }: RouterProviderProps): ReactNode {
  const [route, setRoute] = useState<Route>(initialRoute)
  const router = useMemo<Router>(() => ({ route, navigate: setRoute }), [route])
  return <RouterContext value={router}>{children}</RouterContext>
}
