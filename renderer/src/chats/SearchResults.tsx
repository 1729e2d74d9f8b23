import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SearchHit } from '../../../src/api/index.js'
import { Notice } from '../components/Notice.js'
import { useContactBook } from '../contacts/contact-book.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { fullTime, listTime } from './chat-format.js'
import { snippet } from './snippet.js'
import type { MessageSearch } from './use-message-search.js'

export interface SearchResultsProps {
  readonly query: string
  readonly search: MessageSearch
  readonly onOpen: (hit: SearchHit) => void
}

function Snippet({ text, query }: { readonly text: string; readonly query: string }): ReactNode {
  return (
    <span className="search-hit__snippet">
      {snippet(text, query).map((part, index) =>
        // the parts of one snippet never reorder: the index is a stable key
        part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </span>
  )
}

/** Messages matching the search, across all chats: who, what, when; a click jumps to the message. */
export function SearchResults({ query, search, onOpen }: SearchResultsProps): ReactNode {
  const { t } = useTranslation()
  const { contacts } = useContactBook()
  const nameOf = (peerId: string): string =>
    contacts?.find((contact) => contact.peerId === peerId)?.name ?? shortPeerId(peerId)
  const { hits, searching, error } = search

  return (
    <div className="search-results">
      <p className="muted chats__hint" role="status">
        {searching
          ? t('chats.search.searching')
          : hits === undefined
            ? ''
            : hits.length === 0
              ? t('chats.search.noMatch')
              : t('chats.search.found', { count: hits.length })}
      </p>
      {error !== undefined && <Notice tone="error">{t('chats.search.failed', { error })}</Notice>}
      <ul className="search-results__list" aria-label={t('chats.search.label')}>
        {(hits ?? []).map((hit) => (
          <li key={hit.message.id} className="search-hit">
            <button
              type="button"
              className="search-hit__open"
              onClick={() => {
                onOpen(hit)
              }}
            >
              <span className="search-hit__top">
                <span className="search-hit__name">
                  {hit.message.fromMe ? t('chats.search.youTo', { name: nameOf(hit.peerId) }) : nameOf(hit.peerId)}
                </span>
                <time dateTime={new Date(hit.message.sentAt).toISOString()} title={fullTime(hit.message.sentAt)}>
                  {listTime(hit.message.sentAt)}
                </time>
              </span>
              <Snippet text={hit.message.text} query={query} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
