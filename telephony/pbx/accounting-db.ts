/**
 * The PBX's accounting database for a test: a fresh PostgreSQL database holding the shipped
 * telephony/asterisk/accounting.sql (tables `cdr` and `queue_log`), dropped afterwards; and the
 * reads a test judges calls by.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { resolveTestServerUrl } from '@yixian/db/testing';
import type { AccountingDb } from './test-pbx.js';

const TIMESTAMP_OID = 1114;
const SQL = join(new URL('.', import.meta.url).pathname, '../asterisk/accounting.sql');

export interface TestAccountingDb extends AccountingDb {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

export async function createAccountingDb(): Promise<TestAccountingDb> {
  const server = new URL(resolveTestServerUrl());
  const database = `yixian_pbx_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(server.href);
  url.pathname = `/${database}`;
  // queue_log.time and cdr.calldate are `timestamp` holding UTC (queue_log_realtime_use_gmt, cdr_pgsql timezone=UTC).
  const types = { getTypeParser: ((oid: number, format?: string) => (oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser };
  const pool = new pg.Pool({ connectionString: url.href, max: 4, types });
  await pool.query(readFileSync(SQL, 'utf8'));
  return {
    host: server.hostname,
    port: Number(server.port || 5432),
    user: decodeURIComponent(server.username || 'postgres'),
    password: decodeURIComponent(server.password) || 'trust-auth-unused',
    database,
    url: url.href,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      const client = new pg.Client({ connectionString: server.href });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}
