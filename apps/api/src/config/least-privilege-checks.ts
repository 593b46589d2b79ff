/**
 * Production start checks for least privilege (issue 13, Build 4): the app's database role may not
 * be a superuser, own the tables (it could switch off the audit log's triggers), bypass row security,
 * miss a grant or change an append-only table; and a Redis reached over the network must ask for a
 * password. Each problem is one sentence saying what to set; an empty list means fit to start.
 */
import pg from 'pg';
import { describeAppRoleProblems, inspectAppRole } from '@yixian/db/roles';
import { findOpenRedisProblems } from '@yixian/runtime';

/** What is wrong with the database role DATABASE_URL logs in as (connects once, reads the catalog). */
export async function findDatabaseRoleProblems(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return describeAppRoleProblems(await inspectAppRole(client));
  } finally {
    await client.end().catch(() => {});
  }
}

/** Both checks, for the production-mode start: every problem found, in words. */
export async function findLeastPrivilegeProblems(config: { databaseUrl: string; redisUrl: string }): Promise<string[]> {
  return [...(await findDatabaseRoleProblems(config.databaseUrl)), ...findOpenRedisProblems('REDIS_URL', config.redisUrl)];
}
