/**
 * Why a migration command failed, as a stable code callers can branch on:
 * - `invalid_url`: the database URL is not a `postgres://` / `postgresql://` URL.
 * - `unreachable`: nothing answered at the URL's host and port, or it refused the login.
 * - `migration_failed`: a migration's SQL failed; `migrationName` names it.
 * - `failed_history`: an earlier failed migration is recorded; fix it before deploying again.
 * - `invalid_input`: a bad argument (migration name, missing schema or folder).
 * - `engine`: anything else the schema engine reported.
 */
export const MigrateErrorCode = {
  invalidUrl: 'invalid_url',
  unreachable: 'unreachable',
  migrationFailed: 'migration_failed',
  failedHistory: 'failed_history',
  invalidInput: 'invalid_input',
  engine: 'engine',
} as const
export type MigrateErrorCode = (typeof MigrateErrorCode)[keyof typeof MigrateErrorCode]

/** One error type for every migrate command, so CLIs print a single clear line and exit 1. */
export class MigrateError extends Error {
  override readonly name = 'MigrateError'
  readonly code: MigrateErrorCode
  readonly migrationName: string | undefined

  constructor(code: MigrateErrorCode, message: string, options: { migrationName?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.code = code
    this.migrationName = options.migrationName
  }
}
