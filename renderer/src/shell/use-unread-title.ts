import { useEffect } from 'react'

/** The window's (or tab's) title carries the unread count: "(3) Parley". */
export function useUnreadTitle(unread: number, name = 'Parley'): void {
  useEffect(() => {
    document.title = unread > 0 ? `(${String(unread)}) ${name}` : name
  }, [unread, name])
}
