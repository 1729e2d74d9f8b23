import { useEffect, useRef, type ReactNode } from 'react'
import { ChatNotifier } from '../chats/ChatNotifier.js'
import { useConversations } from '../chats/conversations-context.js'
import { useContactBook } from '../contacts/contact-book.js'
import { routeKey, useRouter } from '../router/router-context.js'
import { useSession } from '../session/session-context.js'
import { ThemeToggle } from '../theme/ThemeToggle.js'
import { useTheme } from '../theme/use-theme.js'
import { AppInfoFooter } from './AppInfoFooter.js'
import { ConnectionBanner } from './ConnectionBanner.js'
import { RouteView } from './RouteView.js'
import { Sidebar } from './Sidebar.js'
import { SignedInAs } from './SignedInAs.js'
import { useActivityReport } from './use-activity-report.js'
import { useUnreadTitle } from './use-unread-title.js'

/**
 * Sidebar + main pane. Moving to another screen (and arriving from the start
 * screen) moves the focus to the screen's heading. The sidebar counts the
 * contact requests waiting for an answer and the unread messages; new
 * messages become desktop notifications.
 */
export function Shell(): ReactNode {
  const { route, navigate } = useRouter()
  const { account, lock } = useSession()
  const { theme, toggle } = useTheme()
  const { incomingCount } = useContactBook()
  const { unreadTotal } = useConversations()
  const main = useRef<HTMLElement>(null)
  const key = routeKey(route)
  useActivityReport()
  useUnreadTitle(unreadTotal)

  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [key])

  return (
    <div className="app-shell">
      <Sidebar
        current={route.name}
        badges={{ contacts: incomingCount, chats: unreadTotal }}
        onNavigate={(name) => {
          navigate({ name })
        }}
        footer={
          <>
            <SignedInAs username={account.username} onLogOut={lock} />
            <ThemeToggle theme={theme} onToggle={toggle} />
            <AppInfoFooter />
          </>
        }
      />
      <ChatNotifier />
      <main className="main-pane" ref={main}>
        <ConnectionBanner />
        <RouteView route={route} />
      </main>
    </div>
  )
}
