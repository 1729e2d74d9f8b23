import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LoadError } from '../components/Notice.js'
import { useContactBook } from '../contacts/contact-book.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { sortConversations, useConversations } from './conversations-context.js'
import { ConversationRow } from './ConversationRow.js'
import { useRouter } from '../router/router-context.js'
import { FirstRunNetworkCard } from '../network/FirstRunNetworkCard.js'

export interface ConversationListProps {
  readonly currentConversationId: string | undefined
  readonly onOpen: (conversationId: string) => void
}

/** Every conversation, newest activity first, with names and presence from the contact book. */
export function ConversationList({ currentConversationId, onOpen }: ConversationListProps): ReactNode {
  const { t } = useTranslation()
  const { summaries, typing, error, reload } = useConversations()
  const { contacts } = useContactBook()
  const { navigate } = useRouter()
  const byPeer = new Map((contacts ?? []).map((contact) => [contact.peerId, contact]))
  const rows = sortConversations(summaries?.values() ?? []).filter(
    (summary) => summary.total > 0 || summary.draft.trim() !== '' || summary.conversationId === currentConversationId,
  )

  return (
    <>
      {error !== undefined && <LoadError what={t('chats.list.chatsWhat')} error={error} onRetry={reload} />}
      {summaries === undefined && error === undefined && <p className="muted chats__hint">{t('chats.list.loading')}</p>}
      <FirstRunNetworkCard />
      {summaries !== undefined && rows.length === 0 && contacts?.length === 0 && (
        <div className="chats__welcome">
          <p className="chats__welcome-title">{t('chats.list.welcomeTitle')}</p>
          <p className="muted">{t('chats.list.welcome')}</p>
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => {
              navigate({ name: 'contacts' })
            }}
          >
            {t('chats.list.addFirst')}
          </button>
        </div>
      )}
      {summaries !== undefined && rows.length === 0 && (contacts === undefined || contacts.length > 0) && (
        <p className="muted chats__hint">{t('chats.list.empty')}</p>
      )}
      <ul className="conversation-list" aria-label={t('chats.list.label')}>
        {rows.map((summary) => {
          const contact = byPeer.get(summary.peerId)
          return (
            <ConversationRow
              key={summary.conversationId}
              summary={summary}
              name={contact?.name ?? shortPeerId(summary.peerId)}
              contact={contact}
              typing={typing.has(summary.peerId)}
              current={summary.conversationId === currentConversationId}
              onOpen={onOpen}
            />
          )
        })}
      </ul>
    </>
  )
}
