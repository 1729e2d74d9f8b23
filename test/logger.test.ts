import { describe, expect, it } from 'vitest'
import { createLogger, type LogRecord } from '../src/core/logger.js'

describe('structured logger', () => {
  it('writes one record per call with level, component, message and fields', () => {
    const records: LogRecord[] = []
    const log = createLogger({ sink: (r) => records.push(r), level: 'info', now: () => 0 })
    log.debug('hidden')
    log.info('peer connected', { peer: 'p1' })
    log.child('network').warn('dial failed', { error: new Error('refused') })
    expect(records).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'info', component: 'parley', msg: 'peer connected', peer: 'p1' },
      {
        time: '1970-01-01T00:00:00.000Z',
        level: 'warn',
        component: 'parley:network',
        msg: 'dial failed',
        error: { name: 'Error', message: 'refused' },
      },
    ])
  })

  it('does not let a field overwrite the level or the message', () => {
    const records: LogRecord[] = []
    createLogger({ sink: (r) => records.push(r) }).info('real', { msg: 'fake', level: 'error' })
    expect(records[0]).toMatchObject({ msg: 'real', level: 'info' })
  })
})
