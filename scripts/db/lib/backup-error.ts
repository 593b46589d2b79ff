/**
 * A backup or restore that cannot go on, for a reason the operator can act on (a missing pg_dump,
 * a database that is not empty, an archive from other migrations). The commands print its message
 * as one line and exit 1; anything else is a bug and prints its stack.
 */
export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}
