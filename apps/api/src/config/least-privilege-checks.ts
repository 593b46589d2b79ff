/**
 * Production start checks for least privilege (issue 13, Build 4): the app's database role may not
 * be a superuser, own the tables (it could switch off the audit log's triggers), bypass row security,
 * miss a grant or change an append-only table; and a Redis reached over the network must ask for a
 * password. Each problem is one sentence saying what to set; an empty list means fit to start.
 */
import pg from 'pg';
import { describeAppRoleProblems, inspectAppRole } from '@yixian/db/roles';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when the host is this machine only (a Unix socket path counts). */
function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.') || hostname === '';
}

/** A Redis URL on another host without a password: anyone who reaches it could mint sessions. */
export function findRedisUrlProblems(redisUrl: string): string[] {
  const url = new URL(redisUrl);
  if (url.password || isLoopback(url.hostname)) return [];
  return [`REDIS_URL points at ${url.hostname} without a password: set Redis's requirepass and put it in the URL (redis://:password@${url.hostname}:${url.port || '6379'})`];
}

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
  return [...(await findDatabaseRoleProblems(config.databaseUrl)), ...findRedisUrlProblems(config.redisUrl)];
}
