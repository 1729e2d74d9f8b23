import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SEARCH_QUERY_MAX } from '../../../src/api/index.js'
import { useContactBook } from '../contacts/contact-book.js'
import { useRouter } from '../router/router-context.js'
import { ChatView, type JumpRequest } from './ChatView.js'
import { useConversations } from './conversations-context.js'
import { ConversationList } from './ConversationList.js'
import { NewChatPicker } from './NewChatPicker.js'
import { SearchResults } from './SearchResults.js'
import { useMessageSearch } from './use-message-search.js'

/**
 * The peer of a direct conversation: a contact's, else one kept from someone
 * who is no longer a contact; undefined while the lists load (or for an ID
 * that names nothing here).
 */
function usePeerOf(conversationId: string | undefined): string | undefined {
  const { contacts } = useContactBook()
  const { summaries } = useConversations()
  if (conversationId === undefined) return undefined
  const contact = contacts?.find((c) => c.conversationId === conversationId)
  if (contact !== undefined) return contact.peerId
  return [...(summaries?.values() ?? [])].find((s) => s.conversationId === conversationId)?.peerId
}

/**
 * Chats: the conversations (or search results, or the new-chat picker) on
 * the left, the open conversation (by its ID) on the right.
 */
export function ChatsScreen({ conversationId }: { readonly conversationId: string | undefined }): ReactNode {
  const { t } = useTranslation()
  const { navigate } = useRouter()
  const [picking, setPicking] = useState(false)
  const [query, setQuery] = useState('')
  const [jump, setJump] = useState<(JumpRequest & { readonly conversationId: string }) | undefined>(undefined)
  const search = useMessageSearch(query)
  const peerId = usePeerOf(conversationId)

  if (jump !== undefined && jump.conversationId !== conversationId) {
    // a jump belongs to the chat it was asked for; leaving that chat drops it
    setJump(undefined)
  }

  const open = (next: string): void => {
    setJump(undefined)
    navigate({ name: 'chats', conversationId: next })
  }

  return (
    <div className={conversationId === undefined ? 'chats' : 'chats chats--open'}>
      <div className="chats__side">
        <header className="chats__header">
          <h1 className="screen__title" tabIndex={-1}>
            {t('common.nav.chats')}
          </h1>
          <button
            type="button"
            className="button button--primary button--small"
            aria-expanded={picking}
            onClick={() => {
              setPicking((now) => !now)
            }}
          >
            {t('chats.newChat')}
          </button>
        </header>
        {picking ? (
          <NewChatPicker
            onPick={(next) => {
              setPicking(false)
              open(next)
            }}
            onClose={() => {
              setPicking(false)
            }}
          />
        ) : (
          <>
            <input
              type="search"
              className="input chats__search"
              aria-label={t('chats.searchMessages')}
              placeholder={t('chats.searchMessages')}
              maxLength={SEARCH_QUERY_MAX}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value)
              }}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setQuery('')
                }
              }}
            />
            {query.trim() === '' ? (
              <ConversationList currentConversationId={conversationId} onOpen={open} />
            ) : (
              <SearchResults
                query={query}
                search={search}
                onOpen={(hit) => {
                  navigate({ name: 'chats', conversationId: hit.conversationId })
                  setJump({ conversationId: hit.conversationId, messageId: hit.message.id, nonce: Date.now() })
                }}
              />
            )}
          </>
        )}
      </div>
      <div className="chats__main">
        {conversationId === undefined ? (
          <p className="chats__empty muted">{t('chats.choose')}</p>
        ) : peerId === undefined ? (
          <p className="chats__empty muted">{t('chats.opening')}</p>
        ) : (
          <ChatView
            key={conversationId}
            conversationId={conversationId}
            peerId={peerId}
            jump={jump?.conversationId === conversationId ? jump : undefined}
          />
        )}
      </div>
    </div>
  )
}
