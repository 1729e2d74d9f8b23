import { useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiEvents } from '../api/client-context.js'
import { oneLine } from './chat-format.js'

export interface NewMessageAnnouncerProps {
  readonly peerId: string
  readonly name: string
}

/**
 * Reads out, politely, a message that arrives in the open chat (a screen
 * reader says it when it is done speaking; nothing is shown). Each message
 * once: a later change to it (an edit, a receipt) is not new.
 */
export function NewMessageAnnouncer({ peerId, name }: NewMessageAnnouncerProps): ReactNode {
  const { t } = useTranslation()
  const [said, setSaid] = useState('')
  const announced = useRef(new Set<string>())
  useApiEvents((event) => {
    if (event.name !== 'messagesChanged' || event.payload.peerId !== peerId) return
    const fresh = event.payload.messages.filter(
      (m) => !m.fromMe && !m.deleted && m.editedAt === null && !announced.current.has(m.id),
    )
    for (const m of fresh) announced.current.add(m.id)
    const last = fresh.at(-1)
    if (last !== undefined) setSaid(t('chats.view.announce', { name, text: oneLine(last.text, 300) }))
  })
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="new-message-announcer">
      {said}
    </p>
  )
}
