import { useState, type ReactNode } from 'react'
import { SEARCH_QUERY_MAX } from '../../../src/api/index.js'
import { useRouter } from '../router/router-context.js'
import { ChatView, type JumpRequest } from './ChatView.js'
import { ConversationList } from './ConversationList.js'
import { NewChatPicker } from './NewChatPicker.js'
import { SearchResults } from './SearchResults.js'
import { useMessageSearch } from './use-message-search.js'

/**
 * Chats: the conversations (or search results, or the new-chat picker) on
 * the left, the open conversation on the right.
 */
export function ChatsScreen({ peerId }: { readonly peerId: string | undefined }): ReactNode {
  const { navigate } = useRouter()
  const [picking, setPicking] = useState(false)
  const [query, setQuery] = useState('')
  const [jump, setJump] = useState<(JumpRequest & { readonly peerId: string }) | undefined>(undefined)
  const search = useMessageSearch(query)

  if (jump !== undefined && jump.peerId !== peerId) {
    // a jump belongs to the chat it was asked for; leaving that chat drops it
    setJump(undefined)
  }

  const open = (next: string): void => {
    setJump(undefined)
    navigate({ name: 'chats', peerId: next })
  }

  return (
    <div className="chats">
      <div className="chats__side">
        <header className="chats__header">
          <h1 className="screen__title" tabIndex={-1}>
            Chats
          </h1>
          <button
            type="button"
            className="button button--primary button--small"
            aria-expanded={picking}
            onClick={() => {
              setPicking((now) => !now)
            }}
          >
            New chat
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
              aria-label="Search messages"
              placeholder="Search messages"
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
              <ConversationList currentPeerId={peerId} onOpen={open} />
            ) : (
              <SearchResults
                query={query}
                search={search}
                onOpen={(hit) => {
                  navigate({ name: 'chats', peerId: hit.peerId })
                  setJump({ peerId: hit.peerId, messageId: hit.message.id, nonce: Date.now() })
                }}
              />
            )}
          </>
        )}
      </div>
      <div className="chats__main">
        {peerId === undefined ? (
          <p className="chats__empty muted">Choose a chat on the left, or start a new one.</p>
        ) : (
          <ChatView key={peerId} peerId={peerId} jump={jump?.peerId === peerId ? jump : undefined} />
        )}
      </div>
    </div>
  )
}
