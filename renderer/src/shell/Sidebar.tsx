import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { RouteName } from '../router/router-context.js'
import { NAV_ITEMS, navItemLabel, navItemName } from './nav-items.js'
import { NavIcon } from './NavIcon.js'

export interface SidebarProps {
  readonly current: RouteName
  readonly onNavigate: (route: RouteName) => void
  /** A number beside an item (contact requests waiting); nothing where it is 0. */
  readonly badges?: Partial<Record<RouteName, number>>
  /** The theme toggle, app info: whatever sits at the bottom. */
  readonly footer: ReactNode
}

export function Sidebar({ current, onNavigate, badges = {}, footer }: SidebarProps): ReactNode {
  const { t } = useTranslation()
  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <img className="sidebar__logo" src="./favicon.svg" alt="" width={28} height={28} />
        <span className="sidebar__name">{t('common.appName')}</span>
      </div>
      <nav className="sidebar__nav" aria-label={t('common.nav.main')}>
        <ul className="nav-list">
          {NAV_ITEMS.map((item) => {
            const count = badges[item.route] ?? 0
            const label = navItemLabel(item)
            const name = navItemName(item, count)
            return (
              <li key={item.route}>
                <button
                  type="button"
                  className="nav-list__item"
                  aria-current={item.route === current ? 'page' : undefined}
                  aria-label={name === label ? undefined : name}
                  onClick={() => {
                    onNavigate(item.route)
                  }}
                >
                  <NavIcon route={item.route} />
                  <span className="nav-list__label">{label}</span>
                  {count > 0 && (
                    <span className="nav-list__badge" aria-hidden="true">
                      {count}
                    </span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
      </nav>
      <footer className="sidebar__footer">{footer}</footer>
    </aside>
  )
}
