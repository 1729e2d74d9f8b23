import { commandSchemas, isCommandName, type CommandName } from './commands.js'
import type { CommandHandlers } from './client.js'
import { ApiFailure, fail, ok, type Result } from './result.js'

/** Describe the first problems of a failed validation in one line. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

/** The first message for each field, keyed by the field's name (the last path element). */
function fieldMessages(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> | undefined {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const name = issue.path.at(-1)
    if (typeof name === 'string' && !(name in fields)) fields[name] = issue.message
  }
  return Object.keys(fields).length > 0 ? fields : undefined
}

/**
 * The single entry point every host calls with untrusted input: checks the
 * command name, validates the arguments with the command's schema, runs the
 * handler and wraps whatever happens in a Result. It never throws.
 */
export async function dispatchCommand(
  handlers: CommandHandlers,
  command: unknown,
  args: unknown,
): Promise<Result<unknown>> {
  if (!isCommandName(command)) {
    const shown = typeof command === 'string' ? `"${command.slice(0, 64)}"` : typeof command
    return fail('UNKNOWN_COMMAND', `unknown command ${shown}`)
  }
  const parsed = commandSchemas[command].safeParse(args ?? {})
  if (!parsed.success) {
    return fail(
      'INVALID_ARGUMENTS',
      `invalid arguments for ${command}: ${describeIssues(parsed.error.issues)}`,
      fieldMessages(parsed.error.issues),
    )
  }
  try {
    const handler = handlers[command] as (a: unknown) => Promise<unknown>
    return ok(await handler(parsed.data))
  } catch (err) {
    if (err instanceof ApiFailure) {
      return fail(err.code, err.message, err.fields)
    }
    return fail('INTERNAL', `${command} failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}

export type { CommandName }
