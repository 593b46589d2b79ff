/**
 * The reconciler's line on `GET /api/health`: `off` without ACCOUNTING_DATABASE_URL, `pending`
 * until a first run, `ok` after a run that is newer than the last failure and less than STALE_MS
 * old, `failing` otherwise (the health turns `degraded`). With when it last ran and how many
 * differences are open. No call data: the page is public.
 */
import type { PrismaClient } from '@yixian/db';
import type { Redis } from 'ioredis';
import { Type, type Static } from 'typebox';
import { readReconcilerStatus } from './reconciler-status.js';

/** Three missed minute runs. */
export const STALE_MS = 3 * 60_000;

export const ReconcilerCheckSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('off'), Type.Literal('pending'), Type.Literal('failing')]),
  lastRunAt: Type.Optional(Type.String()),
  lastFailureAt: Type.Optional(Type.String()),
  detail: Type.Optional(Type.String()),
  openDiscrepancies: Type.Optional(Type.Integer()),
});
export type ReconcilerCheck = Static<typeof ReconcilerCheckSchema>;

export async function readReconcilerHealth(deps: { redis: Redis; prisma: PrismaClient; prefix: string; enabled: boolean; now: Date }): Promise<ReconcilerCheck> {
  if (!deps.enabled) return { status: 'off', detail: 'ACCOUNTING_DATABASE_URL is not set' };
  const [status, openDiscrepancies] = await Promise.all([
    readReconcilerStatus(deps.redis, deps.prefix),
    deps.prisma.callDiscrepancy.count({ where: { resolvedAt: null } }),
  ]);
  const { lastRun, lastFailure } = status;
  const times = { ...(lastRun ? { lastRunAt: lastRun.at } : {}), ...(lastFailure ? { lastFailureAt: lastFailure.at } : {}), openDiscrepancies };
  if (!lastRun && !lastFailure) return { status: 'pending', ...times };
  const failedLast = lastFailure && (!lastRun || Date.parse(lastFailure.at) > Date.parse(lastRun.at));
  if (failedLast) return { status: 'failing', detail: lastFailure.message, ...times };
  if (deps.now.getTime() - Date.parse(lastRun!.at) > STALE_MS) return { status: 'failing', detail: 'no run in the last 3 minutes', ...times };
  return { status: 'ok', ...times };
}
