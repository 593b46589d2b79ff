/**
 * Settings every backup and restore session sets first, so that COPY text and the rows' text
 * that the checksums hash are the same on the source and on the restored database, whatever the
 * servers' or roles' defaults (a timestamptz prints in the session's time zone).
 */
export const STABLE_SESSION_SQL = [
  "SET client_encoding = 'UTF8'",
  "SET TimeZone = 'UTC'",
  "SET DateStyle = 'ISO, YMD'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 1',
  "SET bytea_output = 'hex'",
  // A backup of a month can take minutes; the server's defaults must not cut it off.
  'SET statement_timeout = 0',
  'SET idle_in_transaction_session_timeout = 0',
].join('; ');

/** `"name"`, with quotes doubled: a table or column name read from the catalog. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
