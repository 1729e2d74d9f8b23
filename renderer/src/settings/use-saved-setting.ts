import { useState } from 'react'
import type { Result } from '../../../src/api/index.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'

export interface SavedSetting<T> {
  /** The value as the core has it; undefined until it is read. */
  readonly value: T | undefined
  /** Why the last change did not take, worded for the screen. */
  readonly error: string | undefined
  /** Shows `next` at once, saves it, and puts the old value back if the core refuses. */
  readonly choose: (next: T) => Promise<void>
}

/** One setting kept by the core: read when the screen opens (and on reconnection), changed in place. */
export function useSavedSetting<T>(
  load: () => Promise<Result<T>>,
  save: (next: T) => Promise<Result<unknown>>,
): SavedSetting<T> {
  const [value, setValue] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  useRefreshWhenOpen(async () => {
    const result = await load()
    if (result.ok) setValue(result.value)
  })
  const choose = async (next: T): Promise<void> => {
    const previous = value
    setValue(next)
    setError(undefined)
    const result = await save(next)
    if (!result.ok) {
      setValue(previous)
      setError(describeError(result.error))
    }
  }
  return { value, error, choose }
}
