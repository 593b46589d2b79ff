/**
 * Counts the SQL statements a piece of work sends, by wrapping `pg`'s `Client.prototype.query`
 * (Prisma 7 runs on `pg` through `@prisma/adapter-pg`, so every Prisma query passes here). The
 * shared PostgreSQL has no `pg_stat_statements` (it needs `shared_preload_libraries`), and
 * `log_statement` would write into the server's own log; this sees exactly one process's queries.
 */
import pg from 'pg';

export interface StatementLog {
  /** The statements sent since `start()`, whitespace collapsed, in order. */
  take(): string[];
  start(): void;
  restore(): void;
}

/** Installs the wrapper in this process; nothing is recorded until `start()`. */
export function installStatementLog(): StatementLog {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let recording = false;
  let statements: string[] = [];
  proto.query = function query(this: unknown, ...args: unknown[]) {
    if (recording) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
      if (text) statements.push(text.replace(/\s+/g, ' ').trim());
    }
    return original.apply(this, args);
  };
  return {
    start() {
      statements = [];
      recording = true;
    },
    take() {
      recording = false;
      return statements;
    },
    restore() {
      proto.query = original;
    },
  };
}
