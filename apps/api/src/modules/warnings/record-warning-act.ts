/**
 * Every act on a warning leaves one audit row (resource `warning`), written in the act's own
 * transaction; the same rows, oldest first, are the warning's trail. Details hold the revision,
 * the states and counts — never a phone number or a text message.
 */
import type { FastifyRequest } from 'fastify';
import type { Prisma } from '@yixian/db';
import type { AuditAction } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';

export interface WarningAct {
  action: AuditAction;
  warningId: string;
  reason?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** `request` and `actor` are null for the system's own acts (expiry by the sweep, a DTMF acknowledgement). */
export async function recordWarningAct(
  tx: Prisma.TransactionClient, request: FastifyRequest | null, actor: Actor | null, at: Date, act: WarningAct,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      at, action: act.action, outcome: 'allowed', resource: 'warning', resourceId: act.warningId,
      actorId: actor?.id ?? null, actorName: actor?.username ?? null, reason: act.reason ?? null,
      ip: request?.ip ?? null, requestId: request?.id ?? null, details: act.details ?? {},
    },
  });
}

/** The trail of one warning: its audit rows, oldest first, with the actors' display names. */
export async function readWarningTrail(db: Prisma.TransactionClient, warningId: string) {
  const rows = await db.auditLog.findMany({ where: { resource: 'warning', resourceId: warningId, outcome: 'allowed' }, orderBy: { id: 'asc' }, take: 500 });
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [];
  const names = new Map(actors.map((user) => [user.id, user.displayName]));
  return rows.map((row) => ({
    id: row.id.toString(),
    action: row.action,
    actor: row.actorId ? { id: row.actorId, name: names.get(row.actorId) ?? row.actorName ?? '' } : null,
    reason: row.reason,
    data: (row.details ?? {}) as Record<string, unknown>,
    at: row.at.toISOString(),
  }));
}
