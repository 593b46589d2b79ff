import { MigrateError, MigrateErrorCode } from './migrate-error'

/** The engine appends a Rust span trace ("   0: schema_commands::…"); users need only the text above it. */
function stripSpanTrace(message: string): string {
  const cut = message.search(/\n\s*0: /)
  return (cut === -1 ? message : message.slice(0, cut)).trim()
}

/**
 * Turns a schema-engine rejection into a MigrateError. A failing migration script is recognised by
 * the `migration_name` field of the engine's span trace, so the message names the migration to fix.
 */
export function toMigrateError(error: unknown): MigrateError {
  if (error instanceof MigrateError) return error
  const raw = error instanceof Error ? error.message : String(error)
  const text = stripSpanTrace(raw).replace(/^external connector error\s*/i, '')
  const failedName = /migration_name="([^"]+)"/.exec(raw)?.[1]
  if (failedName && /apply_script|Applying migration/.test(raw)) {
    return new MigrateError(MigrateErrorCode.migrationFailed, `Migration ${failedName} failed: ${text}`, {
      migrationName: failedName,
      cause: error,
    })
  }
  const recordedFailure = /The `([^`]+)` migration started at .* failed/.exec(raw)?.[1]
  if (recordedFailure) {
    return new MigrateError(
      MigrateErrorCode.failedHistory,
      `Migration ${recordedFailure} is recorded as failed in _prisma_migrations; no further migration was applied. ` +
        'Fix the database by hand, then mark it rolled back (or delete its row) before deploying again.',
      { migrationName: recordedFailure, cause: error },
    )
  }
  return new MigrateError(MigrateErrorCode.engine, `Schema engine: ${text}`, { cause: error })
}
