import type { ReactNode } from 'react'
import { ChatsScreen } from '../chats/ChatsScreen.js'
import { ContactsScreen } from '../contacts/ContactsScreen.js'
import { NetworkPanel } from '../network/NetworkPanel.js'
import { ProfileScreen } from '../profile/ProfileScreen.js'
import type { Route } from '../router/router-context.js'
import { SettingsScreen } from '../settings/SettingsScreen.js'

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
      return <ChatsScreen conversationId={route.conversationId} />
    case 'contacts':
      return <ContactsScreen view={route.view} />
    case 'settings':
      return <SettingsScreen />
  }
}
