import { useSyncExternalStore } from 'react'

function subscribe(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener)
  return () => {
    document.removeEventListener('visibilitychange', listener)
  }
}

function isVisible(): boolean {
  return document.visibilityState === 'visible'
}

/** Whether the page is on screen (not a background tab, not a minimized window). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, isVisible, isVisible)
}
