import { describe, expect, it } from 'vitest'
import { createWebSessions, type BrowserSession } from '../src/hosts/web/web-sessions.js'

describe('web sign-in links and browser sessions', () => {
  it('a link opens one session, once; another use says it was used, a made-up one says unknown', () => {
    const sessions = createWebSessions({})
    const link = sessions.newLink()
    const first = sessions.redeem(link)
    if (!first.ok) throw new Error('the link should work once')
    expect(first.sessionId).not.toBe(first.pageKey)
    expect(sessions.redeem(link)).toEqual({ ok: false, reason: 'used' })
    expect(sessions.redeem('A'.repeat(43))).toEqual({ ok: false, reason: 'unknown' })
    expect(sessions.redeem(`${link}x`)).toEqual({ ok: false, reason: 'unknown' })
    expect(sessions.redeem('')).toEqual({ ok: false, reason: 'unknown' })
    expect(sessions.find([first.sessionId], first.pageKey)).toBe(first.session)
  })

  it('finds a session only from its ID and its page key together', () => {
    const sessions = createWebSessions({})
    const a = sessions.redeem(sessions.newLink())
    const b = sessions.redeem(sessions.newLink())
    if (!a.ok || !b.ok) throw new Error('links should work')
    expect(sessions.find([a.sessionId], b.pageKey)).toBeUndefined()
    expect(sessions.find([a.sessionId], undefined)).toBeUndefined()
    expect(sessions.find([], a.pageKey)).toBeUndefined()
    expect(sessions.find([a.pageKey], a.sessionId)).toBeUndefined()
    expect(sessions.find(['junk', 'B'.repeat(43), b.sessionId], b.pageKey)).toBe(b.session)
  })

  it('keeps a bounded number of open links, used links and sessions', () => {
    const ended: BrowserSession[] = []
    const sessions = createWebSessions({
      onEnded: (s) => ended.push(s),
      limits: { openLinks: 2, usedLinks: 2, sessions: 2 },
    })
    const [oldest, middle, newest] = [sessions.newLink(), sessions.newLink(), sessions.newLink()]
    expect(sessions.count().links).toBe(2)
    // the oldest unused link stopped working when the third was made
    expect(sessions.redeem(oldest)).toEqual({ ok: false, reason: 'unknown' })
    const m = sessions.redeem(middle)
    const n = sessions.redeem(newest)
    const third = sessions.redeem(sessions.newLink())
    if (!m.ok || !n.ok || !third.ok) throw new Error('links should work')
    // the third session ended the first
    expect(ended).toEqual([m.session])
    expect(sessions.find([m.sessionId], m.pageKey)).toBeUndefined()
    expect(sessions.find([n.sessionId], n.pageKey)).toBe(n.session)
    expect(sessions.count()).toEqual({ links: 0, sessions: 2 })
    // only the two most recent used links are remembered as used
    expect(sessions.redeem(middle)).toEqual({ ok: false, reason: 'unknown' })
    expect(sessions.redeem(newest)).toEqual({ ok: false, reason: 'used' })
  })
})
