import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface BootstrapListProps {
  readonly id: string
  readonly title: string
  /** What to say when there is no address. */
  readonly empty: string
  readonly addresses: readonly string[]
  /** A word under the title, e.g. that the list is not in use. */
  readonly note?: string | undefined
  readonly disabled?: boolean
  /** Given: each address gets a Remove button. */
  readonly onRemove?: (address: string) => void
}

/** A titled list of bootstrap addresses, each removable when `onRemove` is given. */
export function BootstrapList({
  id,
  title,
  empty,
  addresses,
  note,
  disabled = false,
  onRemove,
}: BootstrapListProps): ReactNode {
  const { t } = useTranslation()
  return (
    <>
      <h3 className="card__subtitle" id={`${id}-heading`}>
        {title}
      </h3>
      {note !== undefined && <p className="muted">{note}</p>}
      {addresses.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="address-list" aria-labelledby={`${id}-heading`} data-testid={id}>
          {addresses.map((address) => (
            <li key={address} className="address-list__item">
              <code className="mono mono--small">{address}</code>
              {onRemove !== undefined && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={disabled}
                  aria-label={t('network.bootstrap.removeAddress', { address })}
                  onClick={() => {
                    onRemove(address)
                  }}
                >
                  {t('network.bootstrap.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
