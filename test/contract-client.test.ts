import { describe, expect, it } from 'vitest'
import { checkCommandResult, ERROR_MESSAGE_MAX, parseApiEvent, parseServerFrame } from '../src/api/index.js'

/**
 * What a client (the renderer, over IPC or the WebSocket) takes from a host:
 * every frame, result and event through the contract's schemas. A malformed
 * one is dropped or becomes a clear failure; it never reaches the UI half-valid.
 */
const frame = (value: unknown): string => JSON.stringify(value)
const PEER = '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'
const CONVERSATION = 'a'.repeat(32)

describe('what a client takes from a host', () => {
  it('reads welcome, result, event and error frames', () => {
    expect(parseServerFrame(frame({ type: 'welcome' }))).toEqual({ type: 'welcome' })
    expect(parseServerFrame(frame({ type: 'result', id: 3, result: { ok: true, value: null } }))).toEqual({
      type: 'result',
      id: 3,
      result: { ok: true, value: null },
    })
    const typing = { name: 'typingChanged', payload: { conversationId: CONVERSATION, peerId: PEER, typing: true } }
    expect(parseServerFrame(frame({ type: 'event', event: typing }))).toEqual({ type: 'event', event: typing })
    expect(parseServerFrame(frame({ type: 'error', error: { code: 'BUSY', message: 'later' } }))).toEqual({
      type: 'error',
      error: { code: 'BUSY', message: 'later' },
    })
  })

  it('drops what is not a frame: not JSON, not text, an unknown type, a bad call ID', () => {
    for (const data of ['{', 42, null, frame([]), frame({ type: 'hello' }), frame({ type: 'result', id: -1 })]) {
      expect(parseServerFrame(data)).toBeUndefined()
    }
    expect(parseServerFrame(frame({ type: 'result', id: 1.5, result: { ok: true, value: 1 } }))).toBeUndefined()
  })

  it('keeps a useful error from a newer host: an unknown code reads as INTERNAL, long text is cut', () => {
    const parsed = parseServerFrame(
      frame({ type: 'error', id: 'x', error: { code: 'FROM_THE_FUTURE', message: 'm'.repeat(5_000), fields: 7 } }),
    )
    expect(parsed).toEqual({ type: 'error', error: { code: 'INTERNAL', message: 'm'.repeat(ERROR_MESSAGE_MAX) } })
  })

  it('keeps per-field messages as plain data, "__proto__" included', () => {
    const parsed = parseServerFrame(
      '{"type":"result","id":1,"result":{"ok":false,"error":{"code":"INVALID_ARGUMENTS","message":"no","fields":{"__proto__":"x","name":"too long"}}}}',
    )
    expect(parsed?.type).toBe('result')
    const error = parsed?.type === 'result' && !parsed.result.ok ? parsed.result.error : undefined
    expect(error?.fields?.name).toBe('too long')
    expect(Object.getPrototypeOf(error?.fields)).toBe(Object.prototype)
  })

  it("checks a value against its command's schema: a malformed one becomes INTERNAL, failures pass", () => {
    expect(checkCommandResult('setNearbyVisibility', { ok: true, value: { visible: true } })).toEqual({
      ok: true,
      value: { visible: true },
    })
    const bad = checkCommandResult('setNearbyVisibility', { ok: true, value: { visible: 'yes' } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error.code).toBe('INTERNAL')
      expect(bad.error.message).toContain('setNearbyVisibility')
      expect(bad.error.message).toContain('visible')
    }
    const failure = { ok: false, error: { code: 'LOCKED', message: 'log in' } } as const
    expect(checkCommandResult('listContacts', failure)).toEqual(failure)
  })

  it('drops an event with an unknown name or a payload that fails its schema, and extra keys', () => {
    expect(parseApiEvent({ name: 'somethingNew', payload: {} })).toBeUndefined()
    expect(parseApiEvent({ name: 'typingChanged', payload: { peerId: PEER, typing: true } })).toBeUndefined()
    const tooMany = { conversationId: CONVERSATION, peerId: PEER, messageIds: Array.from({ length: 5_000 }, () => 'a') }
    expect(parseApiEvent({ name: 'messagesRemoved', payload: tooMany })).toBeUndefined()
    expect(
      parseApiEvent({
        name: 'typingChanged',
        payload: { conversationId: CONVERSATION, peerId: PEER, typing: false, extra: 'dropped' },
      }),
    ).toEqual({ name: 'typingChanged', payload: { conversationId: CONVERSATION, peerId: PEER, typing: false } })
  })
})
