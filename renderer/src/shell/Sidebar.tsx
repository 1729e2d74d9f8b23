import type { ReactNode } from 'react'
import type { RouteName } from '../router/router-context.js'
import { NAV_ITEMS } from './nav-items.js'
import { NavIcon } from './NavIcon.js'

export interface SidebarProps {
  readonly current: RouteName
  readonly onNavigate: (route: RouteName) => void
  /** The theme toggle, app info: whatever sits at the bottom. */
  readonly footer: ReactNode
}

export function Sidebar({ current, onNavigate, footer }: SidebarProps): ReactNode {
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <img className="sidebar__logo" src="./favicon.svg" alt="" width={28} height={28} />
        <span className="sidebar__name">Parley</span>
      </div>
      <nav className="sidebar__nav" aria-label="Main">
        <ul className="nav-list">
          {NAV_ITEMS.map((item) => (
            <li key={item.route}>
              <button
                type="button"
                className="nav-list__item"
                aria-current={item.route === current ? 'page' : undefined}
                onClick={() => {
                  onNavigate(item.route)
                }}
              >
                <NavIcon route={item.route} />
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <footer className="sidebar__footer">{footer}</footer>
    </aside>
  )
}
