/**
 * Run `task` now, or, if it is already running, once more right after it
 * finishes: a burst of triggers costs at most two runs and the last run
 * always starts after the last trigger. `task` must not reject.
 */
export function coalesce(task: () => Promise<void>): () => void {
  let running = false
  let again = false
  const run = (): void => {
    if (running) {
      again = true
      return
    }
    running = true
    void task().finally(() => {
      running = false
      if (again) {
        again = false
        run()
      }
    })
  }
  return run
}
