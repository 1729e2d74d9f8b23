import type { CommandArgs, CommandName, CommandResult } from './commands.js'
import type { ApiEvent } from './events.js'
import type { Result } from './result.js'

/**
 * What the renderer (and tests) hold: the same shape whichever host serves it.
 * `invoke` never throws for a failed command; it resolves to a Result.
 */
export interface ParleyClient {
  invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<Result<CommandResult<C>>>
  /** Subscribe to every event; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void
}

/** The handlers a core provides: one per command, arguments already validated. */
export type CommandHandlers = {
  [C in CommandName]: (args: CommandArgs<C>) => Promise<CommandResult<C>>
}
