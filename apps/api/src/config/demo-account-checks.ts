/**
 * Production start checks on the accounts: no demo account (`demo-*`, the demo password is
 * public), and no password hash shared by several accounts (argon2 salts every hash, so a shared
 * one means a bulk seed gave them all one password).
 */
import pg from 'pg';
import { INITIAL_PASSWORDS_COMMAND } from '@yixian/runtime';

export async function findDemoAccountProblems(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const demo = await client.query<{ n: string }>(`SELECT count(*) AS n FROM app_user WHERE username LIKE 'demo-%'`);
    const shared = await client.query<{ n: string }>(`SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM app_user GROUP BY "passwordHash" HAVING count(*) > 1) AS shared`);
    const problems: string[] = [];
    if (Number(demo.rows[0]!.n) > 0) problems.push(`${demo.rows[0]!.n} demo accounts (demo-*) are in the database: delete them (they sign in with the public demo password)`);
    if (Number(shared.rows[0]!.n) > 0) problems.push(`${shared.rows[0]!.n} accounts share one password (a bulk or demo seed): ${INITIAL_PASSWORDS_COMMAND}`);
    return problems;
  } finally {
    await client.end().catch(() => {});
  }
}
