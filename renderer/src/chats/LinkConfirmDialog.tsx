import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export interface LinkConfirmDialogProps {
  /** The address asked about; undefined: the dialog is closed. */
  readonly href: string | undefined
  readonly onClose: () => void
}

/** Opens an http(s) address in a new browser tab, with no reference back to Parley. */
export function openExternal(href: string): void {
  const url = new URL(href)
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    window.open(url.href, '_blank', 'noopener,noreferrer')
  }
}

/** "Open this link?" with the full address, before anything leaves the app. */
export function LinkConfirmDialog({ href, onClose }: LinkConfirmDialogProps): ReactNode {
  const { t } = useTranslation()
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (element === null) {
      return
    }
    if (href !== undefined && !element.open) {
      element.showModal()
      // Cancel first: Enter alone never leaves the app
      cancel.current?.focus()
    } else if (href === undefined && element.open) {
      element.close()
    }
  }, [href])

  return (
    <dialog
      ref={dialog}
      className="link-dialog"
      aria-labelledby="link-dialog-title"
      aria-describedby="link-dialog-url"
      onClose={onClose}
    >
      <h2 id="link-dialog-title" className="card__title">
        {t('chats.link.title')}
      </h2>
      <p className="muted">{t('chats.link.text')}</p>
      <p id="link-dialog-url" className="mono mono--block link-dialog__url">
        {href}
      </p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            if (href !== undefined) {
              openExternal(href)
            }
            onClose()
          }}
        >
          {t('chats.link.open')}
        </button>
        <button ref={cancel} type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  )
}
