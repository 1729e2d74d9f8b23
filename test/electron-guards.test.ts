import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl, MAX_EXTERNAL_URL_LENGTH } from '../electron/external-links.js'
import { notificationFor } from '../electron/notification-content.js'
import type { ApiEvent } from '../src/api/index.js'
import { isAppUrl, isTrustedSender } from '../electron/trusted-sender.js'

describe('isAllowedExternalUrl: which links may leave the app', () => {
  it.each(['https://example.org/', 'https://example.org/path?q=1#frag', 'mailto:alice@example.org'])(
    'allows %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true)
    },
  )

  it.each([
    ['plain http', 'http://example.org/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript, mixed case', 'JaVaScRiPt:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['custom scheme', 'parley://invite/abc'],
    ['OS handler scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['smb share', 'smb://server/share'],
    ['credentials in an https link', 'https://bank.example@evil.example/'],
    ['malformed', 'https//example.org'],
    ['relative', '/index.html'],
    ['empty', ''],
    ['bare mailto', 'mailto:'],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })

  it('refuses overlong URLs', () => {
    expect(isAllowedExternalUrl(`https://example.org/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`)).toBe(false)
  })
})

describe('isTrustedSender: only our window main frame may call the core', () => {
  const fileApp = 'file:///opt/Parley/resources/app.asar/.vite/renderer/main_window/index.html'
  const devApp = 'http://127.0.0.1:5173'

  it('accepts the main frame showing our built page, whatever its fragment or query', () => {
    expect(isTrustedSender({ frameUrl: fileApp, isMainFrame: true, appUrl: fileApp })).toBe(true)
    expect(isTrustedSender({ frameUrl: `${fileApp}#/network`, isMainFrame: true, appUrl: fileApp })).toBe(true)
    expect(isTrustedSender({ frameUrl: `${fileApp}?x=1`, isMainFrame: true, appUrl: fileApp })).toBe(true)
  })

  it('accepts any page of the dev server origin in development', () => {
    expect(isTrustedSender({ frameUrl: `${devApp}/`, isMainFrame: true, appUrl: devApp })).toBe(true)
    expect(isTrustedSender({ frameUrl: `${devApp}/src/main.tsx`, isMainFrame: true, appUrl: `${devApp}/` })).toBe(true)
  })

  it('refuses a subframe, even one showing our page', () => {
    expect(isTrustedSender({ frameUrl: fileApp, isMainFrame: false, appUrl: fileApp })).toBe(false)
    expect(isTrustedSender({ frameUrl: devApp, isMainFrame: false, appUrl: devApp })).toBe(false)
  })

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true, appUrl: fileApp })).toBe(false)
  })

  it('refuses other origins', () => {
    for (const frameUrl of [
      'https://evil.example/',
      'http://127.0.0.1:5174/',
      'http://localhost:5173/',
      'https://127.0.0.1:5173/',
      'about:blank',
      'data:text/html,hi',
    ]) {
      expect(isTrustedSender({ frameUrl, isMainFrame: true, appUrl: devApp })).toBe(false)
      expect(isTrustedSender({ frameUrl, isMainFrame: true, appUrl: fileApp })).toBe(false)
    }
  })

  it('refuses a file URL of a different file', () => {
    for (const frameUrl of [
      'file:///tmp/evil.html',
      'file:///opt/Parley/resources/app.asar/.vite/renderer/main_window/other.html',
      'file:///opt/Parley/resources/app.asar/.vite/renderer/main_window/index.html/../evil.html',
      'file://otherhost/opt/Parley/resources/app.asar/.vite/renderer/main_window/index.html',
    ]) {
      expect(isTrustedSender({ frameUrl, isMainFrame: true, appUrl: fileApp })).toBe(false)
    }
  })

  it('refuses everything when the app URL is not a page URL', () => {
    expect(isTrustedSender({ frameUrl: 'about:blank', isMainFrame: true, appUrl: 'about:blank' })).toBe(false)
    expect(isTrustedSender({ frameUrl: fileApp, isMainFrame: true, appUrl: 'not a url' })).toBe(false)
    expect(isAppUrl('not a url', fileApp)).toBe(false)
  })
})

describe('notificationFor: what a new message shows on the desktop', () => {
  const contacts = [{ peerId: 'peer-a', name: 'Alice' }]
  const event = (preview: string): ApiEvent => ({
    name: 'messageNotified',
    payload: { conversationId: 'c'.repeat(32), peerId: 'peer-a', messageId: '0'.repeat(32), preview },
  })

  it('names the contact and shows the text, on one line and shortened', () => {
    expect(notificationFor(event('hello\n\nthere'), contacts, false)).toEqual({ title: 'Alice', body: 'hello there' })
    const long = notificationFor(event('x'.repeat(500)), contacts, false)
    expect(long?.body).toHaveLength(140)
    expect(long?.body.endsWith('…')).toBe(true)
  })

  it('shows nothing while the window has focus, or for other events', () => {
    expect(notificationFor(event('hi'), contacts, true)).toBeNull()
    expect(
      notificationFor(
        { name: 'typingChanged', payload: { conversationId: 'c'.repeat(32), peerId: 'peer-a', typing: true } },
        contacts,
        false,
      ),
    ).toBeNull()
  })

  it('does not trust an unknown sender with a name', () => {
    const other: ApiEvent = {
      name: 'messageNotified',
      payload: { conversationId: 'c'.repeat(32), peerId: 'peer-z', messageId: '1'.repeat(32), preview: 'hi' },
    }
    expect(notificationFor(other, contacts, false)?.title).toBe('A contact')
  })
})
