/**
 * The production-mode checks of the API and the worker, one list: secrets, the cookie, the
 * accounts, and least privilege (database role, Redis). Add a check by adding a function here.
 * `npm start` runs the same list before it starts anything (scripts/start.ts).
 */
import { findOpenRedisProblems, findUrlSecretProblems, refuseOnProblems } from '@yixian/runtime';
import type { AppConfig } from './config.js';
import { findDemoAccountProblems } from './demo-account-checks.js';
import { findDatabaseRoleProblems } from './least-privilege-checks.js';

type Env = Record<string, string | undefined>;

/** Every secret the API reads: database, Redis (over the network), PBX, accounting database; no demo password. */
export function findSecretProblems(config: AppConfig, env: Env): string[] {
  return [
    ...findUrlSecretProblems('DATABASE_URL', config.databaseUrl, { required: true }),
    ...findUrlSecretProblems('DATABASE_REPLICA_URL', config.databaseReplicaUrl, { required: false }),
    ...findOpenRedisProblems('REDIS_URL', config.redis.url),
    ...(new URL(config.redis.url).password ? findUrlSecretProblems('REDIS_URL', config.redis.url, { required: true }) : []),
    ...findUrlSecretProblems('AMI_URL', config.amiUrl, { required: true }).map((problem) =>
      problem === 'AMI_URL is not set' ? 'AMI_URL is not set: production needs a real Asterisk (the built-in simulator is a demo)' : problem),
    ...findUrlSecretProblems('ACCOUNTING_DATABASE_URL', config.accountingDatabaseUrl, { required: false }),
    ...(env.DEMO_PASSWORD ? ['DEMO_PASSWORD is set: it belongs to the demo; unset it'] : []),
  ];
}

/** The session cookie must be Secure: production is served over TLS (PUBLIC_ORIGIN=https://…). */
export function findCookieProblems(config: Pick<AppConfig, 'cookieSecure' | 'publicOrigin'>): string[] {
  const problems: string[] = [];
  if (!config.publicOrigin?.startsWith('https://')) problems.push('PUBLIC_ORIGIN is not an https:// address: production is served over TLS (set PUBLIC_ORIGIN=https://your-host)');
  if (!config.cookieSecure) problems.push('the session cookie is not Secure: set COOKIE_SECURE=true (or an https PUBLIC_ORIGIN)');
  return problems;
}

/** Every problem that keeps a production start from going ahead, in words. */
export async function findProductionProblems(config: AppConfig, env: Env = process.env): Promise<string[]> {
  return [
    ...findSecretProblems(config, env),
    ...findCookieProblems(config),
    ...(await findDemoAccountProblems(config.databaseUrl)),
    ...(await findDatabaseRoleProblems(config.databaseUrl)),
  ];
}

/** In production mode, throws a ProductionModeError listing every problem; in demo mode does nothing. */
export async function assertProductionReady(processName: string, config: AppConfig & { mode: string }, env: Env = process.env): Promise<void> {
  if (config.mode !== 'production') return;
  refuseOnProblems(processName, await findProductionProblems(config, env));
}
