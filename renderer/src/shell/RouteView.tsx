import type { ReactNode } from 'react'
import { ContactsScreen } from '../contacts/ContactsScreen.js'
import { NetworkPanel } from '../network/NetworkPanel.js'
import { ProfileScreen } from '../profile/ProfileScreen.js'
import type { Route } from '../router/router-context.js'
import { SettingsScreen } from '../settings/SettingsScreen.js'
import { ComingSoon } from './ComingSoon.js'

export interface RouteViewProps {
  readonly route: Route
}

export function RouteView({ route }: RouteViewProps): ReactNode {
  switch (route.name) {
    case 'profile':
      return <ProfileScreen />
    case 'network':
      return <NetworkPanel />
    case 'chats':
      return <ComingSoon title="Chats" description="End-to-end encrypted conversations with your contacts." />
    case 'contacts':
      return <ContactsScreen view={route.view} />
    case 'settings':
      return <SettingsScreen />
  }
}
