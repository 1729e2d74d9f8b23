/**
 * Is a URL one of the app's own pages? Is an IPC sender our window's main frame?
 * Pure (no electron import) so it is unit-tested in plain Node.
 *
 * `appUrl` is what the main window loads: the file:// URL of the built index.html,
 * or the origin of Forge's Vite dev server (http://localhost:5173) in development.
 */

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/** Same document as `appUrl` (file://: same path; dev server: same origin). Query and fragment are ignored. */
export function isAppUrl(url: string, appUrl: string): boolean {
  const candidate = parse(url)
  const app = parse(appUrl)
  if (candidate === undefined || app === undefined) {
    return false
  }
  switch (app.protocol) {
    case 'file:':
      return candidate.protocol === 'file:' && candidate.host === app.host && candidate.pathname === app.pathname
    case 'http:':
    case 'https:':
      return candidate.origin === app.origin
    default:
      return false
  }
}

export interface SenderFacts {
  /** `event.senderFrame.url`; undefined when the frame is gone (navigated or destroyed). */
  readonly frameUrl: string | undefined
  /** `event.senderFrame === event.sender.mainFrame` */
  readonly isMainFrame: boolean
  readonly appUrl: string
}

/** Only the main frame of a window showing our own page may call the core. */
export function isTrustedSender({ frameUrl, isMainFrame, appUrl }: SenderFacts): boolean {
  return isMainFrame && frameUrl !== undefined && isAppUrl(frameUrl, appUrl)
}
