import type { Session } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../src/hosts/content-security-policy.js'
import { isAppUrl } from './trusted-sender.js'

/** Add the header to the app's own documents (main frame loads of `appUrl`). */
export function applyContentSecurityPolicy(session: Session, appUrl: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isAppUrl(details.url, appUrl)) {
      callback({})
      return
    }
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    })
  })
}
