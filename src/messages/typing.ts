import type { Cancel, Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'

/** A contact's "typing…" shows until they stop, send, disconnect, or go quiet for `timeoutMs`. */
export class TypingIndicators {
  private readonly timers = new Map<string, Cancel>()

  constructor(
    private readonly events: EventHub,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly conversationOf: (peerId: string) => string,
  ) {}

  set(peerId: string, typing: boolean): void {
    if (!typing) {
      this.stop(peerId)
      return
    }
    const had = this.timers.get(peerId)
    had?.()
    this.timers.set(
      peerId,
      this.clock.setTimeout(() => {
        this.stop(peerId)
      }, this.timeoutMs),
    )
    if (had === undefined)
      this.events.emit({
        name: 'typingChanged',
        payload: { conversationId: this.conversationOf(peerId), peerId, typing: true },
      })
  }

  stop(peerId: string): void {
    const timer = this.timers.get(peerId)
    if (timer === undefined) return
    timer()
    this.timers.delete(peerId)
    this.events.emit({
      name: 'typingChanged',
      payload: { conversationId: this.conversationOf(peerId), peerId, typing: false },
    })
  }

  clear(): void {
    for (const cancel of this.timers.values()) cancel()
    this.timers.clear()
  }
}
