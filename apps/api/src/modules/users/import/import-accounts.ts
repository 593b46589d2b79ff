/**
 * The accounts import. A dry run reads and checks the whole file and changes nothing. The import
 * itself checks again and refuses with the same report unless every row is clean; then it gives
 * each account a one-time password (argon2id; must be changed at the first sign-in), and writes
 * the accounts, one audit row per account (no secret) and one for the import (its counts) in one
 * transaction. The passwords leave once, as an XLSX in the answer (initial-passwords-sheet.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { generateOneTimePassword, hashPassword } from '@yixian/runtime';
import { AppError } from '../../../lib/app-error.js';
import { changeAuditRow, recordChange } from '../../config-changes/record-change.js';
import { findManagerLimits } from '../account-access.js';
import { accountColumns, uniqueViolationToIssue } from '../account-columns.js';
import { loadAccountReferences } from '../account-references.js';
import { HASHING_CONCURRENCY, mapLimited } from '../issue-initial-passwords.js';
import { writeInitialPasswordsXlsx } from '../initial-passwords-sheet.js';
import { checkImportRows, type ImportError } from './check-import-rows.js';
import { readImportFile } from './read-import-file.js';

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid: number;
  errors: ImportError[];
}

export interface ImportResult extends ImportReport {
  summary: { created: number; byRole: Record<string, number> };
  /** The one-time passwords (base64 XLSX); in this answer only. */
  passwords: { fileName: string; contentType: string; data: string };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function checkFile(app: FastifyInstance, request: FastifyRequest, body: Buffer) {
  const limits = await findManagerLimits(app, request);
  const file = await readImportFile(body);
  const [refs, users] = await Promise.all([
    loadAccountReferences(app.prisma),
    app.prisma.user.findMany({ select: { username: true, extension: true } }),
  ]);
  const usernames = new Set(users.map((user) => user.username.toLowerCase()));
  const extensions = new Map(users.filter((user) => user.extension).map((user) => [user.extension!, user.username]));
  const checked = checkImportRows({
    file, refs, limits,
    taken: { isUsernameTaken: (name) => usernames.has(name.toLowerCase()), extensionHolder: (extension) => extensions.get(extension) },
  });
  return { file, refs, ...checked };
}

export async function dryRunImport(app: FastifyInstance, request: FastifyRequest, body: Buffer): Promise<ImportReport> {
  const { file, rows, errors } = await checkFile(app, request, body);
  return { dryRun: true, rows: file.rows.length, valid: rows.length, errors };
}

export async function importAccounts(app: FastifyInstance, request: FastifyRequest, body: Buffer): Promise<ImportResult> {
  const { file, refs, rows, errors } = await checkFile(app, request, body);
  const report: ImportReport = { dryRun: false, rows: file.rows.length, valid: rows.length, errors };
  if (errors.length > 0) {
    throw new AppError('validation_failed', `${errors.length} problem(s) in the file: nothing was imported`, { field: 'file', details: { report } });
  }
  const now = app.clock.now();
  const accounts = await mapLimited(rows, HASHING_CONCURRENCY, async (row) => {
    const oneTimePassword = generateOneTimePassword();
    return { id: randomUUID(), row, oneTimePassword, passwordHash: await hashPassword(oneTimePassword) };
  });
  const byRole: Record<string, number> = {};
  for (const { input } of rows) for (const role of input.roles) byRole[role] = (byRole[role] ?? 0) + 1;
  const summary = { created: accounts.length, byRole };

  await app.prisma.$transaction(async (tx) => {
    const views = accounts.map(({ id, row }) => ({
      id, view: { username: row.input.username, ...accountColumns(row.input, row.phone), status: 'active', mustChangePassword: true, version: 1 },
    }));
    await tx.user.createMany({
      data: accounts.map(({ id, row, passwordHash }) => ({
        id, username: row.input.username, ...accountColumns(row.input, row.phone), passwordHash, mustChangePassword: true, passwordChangedAt: now,
      })),
    });
    await tx.auditLog.createMany({
      data: views.map(({ id, view }) => changeAuditRow(request, now, {
        act: 'create', resource: 'user', resourceId: id, version: 1, before: null, after: view, summary: { import: true },
      })),
    });
    await recordChange(tx, request, now, {
      act: 'import', resource: 'user', resourceId: `import-${request.id}`, version: 1, before: null, after: null, summary: { rows: report.rows, ...summary },
    });
  }, { timeout: 120_000 }).catch(uniqueViolationToIssue);
  await app.configChanged(['accounts']);

  const sheet = await writeInitialPasswordsXlsx(accounts.map(({ row, oneTimePassword }) => ({
    username: row.input.username, displayName: row.input.displayName.trim(), unitName: refs.unitName(row.input.unitId),
    areaName: refs.areaName(row.input.areaId), oneTimePassword,
  })), now);
  return {
    ...report, summary,
    passwords: { fileName: `initial-passwords-${now.toISOString().slice(0, 10)}.xlsx`, contentType: XLSX_TYPE, data: sheet.toString('base64') },
  };
}
