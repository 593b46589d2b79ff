/**
 * One-time initial passwords for accounts created in bulk (`db:seed --bulk`, an import): every
 * account without a password of its own gets a fresh one-time password (argon2id, must change it
 * at the first sign-in), its sessions end, and the administrator receives the passwords as an XLSX
 * written 0600. "Without a password of its own": it shares its hash with another account (a bulk
 * seed gives them one), or — unless `onlyShared` — it has never had a password set for it
 * (`passwordChangedAt` empty). The demo-* accounts are left alone. One audit row
 * (`auth.password_reset`, bulk, with the count) records the run; no password is kept or logged.
 */
import { constants } from 'node:fs';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import type { PrismaClient } from '@yixian/db';
import { generateOneTimePassword, hashPassword } from '@yixian/runtime';
import { AUDIT_ACTIONS, writeAudit } from '../audit/audit.service.js';
import { replacePassword } from '../auth/password-history.js';
import { writeInitialPasswordsXlsx, type InitialPasswordRow } from './initial-passwords-sheet.js';

export interface IssueInitialPasswordsOptions {
  prisma: PrismaClient;
  /** Ends the sessions of an account (the API's session store on the same Redis); returns how many. */
  endSessions: (userId: string) => Promise<number>;
  /** Where the XLSX goes; an existing file is never overwritten (it may hold earlier passwords). */
  out: string;
  onlyShared?: boolean;
  now?: Date;
}

export interface IssueInitialPasswordsResult {
  count: number;
  sessionsEnded: number;
}

/** argon2id takes ~19 MiB and a few tens of ms: a few at a time keeps the memory bounded. */
export const HASHING_CONCURRENCY = 4;

export class InitialPasswordsError extends Error {}

async function findAccountsWithoutOwnPassword(prisma: PrismaClient, onlyShared: boolean) {
  const users = await prisma.user.findMany({
    select: {
      id: true, username: true, displayName: true, areaId: true, passwordHash: true, passwordChangedAt: true,
      previousPasswordHashes: true, mustChangePassword: true, unit: { select: { name: true } },
    },
    orderBy: { username: 'asc' },
  });
  const holders = new Map<string, number>();
  for (const user of users) holders.set(user.passwordHash, (holders.get(user.passwordHash) ?? 0) + 1);
  return users.filter((user) => !user.username.startsWith('demo-')
    && ((holders.get(user.passwordHash) ?? 0) > 1 || (!onlyShared && user.passwordChangedAt === null)));
}

export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

async function refuseExisting(path: string): Promise<void> {
  const exists = await access(path, constants.F_OK).then(() => true, () => false);
  if (exists) throw new InitialPasswordsError(`${path} already exists: choose a new file (it may hold passwords issued before)`);
}

/**
 * Issues the passwords. The sheet is written first (to a temporary file beside `out`, 0600), the
 * accounts are then changed in one transaction, and only then is the sheet moved to `out`: a
 * failure leaves the accounts as they were and no sheet behind.
 */
export async function issueInitialPasswords(options: IssueInitialPasswordsOptions): Promise<IssueInitialPasswordsResult> {
  const { prisma, out } = options;
  const now = options.now ?? new Date();
  await refuseExisting(out);
  const accounts = await findAccountsWithoutOwnPassword(prisma, options.onlyShared ?? false);
  if (accounts.length === 0) return { count: 0, sessionsEnded: 0 };

  const areaIds = [...new Set(accounts.map((a) => a.areaId).filter((id): id is string => id !== null))];
  const areaNames = new Map((await prisma.area.findMany({ where: { id: { in: areaIds } }, select: { id: true, name: true } })).map((a) => [a.id, a.name]));
  const issued = await mapLimited(accounts, HASHING_CONCURRENCY, async (account) => {
    const oneTimePassword = generateOneTimePassword();
    return { account, oneTimePassword, passwordHash: await hashPassword(oneTimePassword) };
  });
  const rows: InitialPasswordRow[] = issued.map(({ account, oneTimePassword }) => ({
    username: account.username,
    displayName: account.displayName,
    unitName: account.unit?.name ?? null,
    areaName: account.areaId ? areaNames.get(account.areaId) ?? null : null,
    oneTimePassword,
  }));

  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, await writeInitialPasswordsXlsx(rows, now), { mode: 0o600, flag: 'wx' });
  try {
    await prisma.$transaction(async (tx) => {
      for (const { account, passwordHash } of issued) {
        await tx.user.update({ where: { id: account.id }, data: replacePassword(account, passwordHash, { now, oneTime: true }) });
      }
    }, { timeout: 120_000 });
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }

  let sessionsEnded = 0;
  for (const { account } of issued) sessionsEnded += await options.endSessions(account.id);
  await writeAudit(prisma, now, {
    action: AUDIT_ACTIONS.passwordReset, outcome: 'allowed', actorName: 'accounts:initial-passwords', resource: 'user',
    details: { bulk: true, count: issued.length, onlyShared: options.onlyShared ?? false, sessionsEnded },
  });
  return { count: issued.length, sessionsEnded };
}
