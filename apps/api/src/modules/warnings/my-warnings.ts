/**
 * The unit side: the published warnings that reached the caller's unit or the caller (a grid worker
 * on an all-grid-workers warning), and the acknowledgement in the app. A unit acknowledges once for
 * all its staff; a republished revision asks again.
 */
import type { FastifyRequest } from 'fastify';
import type { PrismaClient, Warning, WarningRecipient } from '@yixian/db';
import { WARNING_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { recordWarningAct } from './record-warning-act.js';

const keysOf = (actor: Actor) => [`user:${actor.id}`, ...(actor.unitId ? [`unit:${actor.unitId}`] : [])];

function presentMine(warning: Warning, recipient: WarningRecipient) {
  return {
    id: warning.id, code: warning.code, level: warning.level, type: warning.type, title: warning.title, text: warning.text,
    state: warning.state, revision: warning.revision, validFrom: warning.validFrom.toISOString(), validUntil: warning.validUntil.toISOString(),
    publishedAt: warning.publishedAt?.toISOString() ?? null, recipientId: recipient.id,
    acknowledgedAt: recipient.acknowledgedAt?.toISOString() ?? null, acknowledgedVia: recipient.acknowledgedVia,
  };
}

export async function listMyWarnings(prisma: PrismaClient, actor: Actor) {
  const rows = await prisma.warningRecipient.findMany({
    where: { recipientKey: { in: keysOf(actor) }, warning: { state: WARNING_STATES.published } },
    include: { warning: true }, orderBy: { createdAt: 'desc' }, take: 200,
  });
  const seen = new Set<string>();
  const items = rows
    .filter((row) => row.revision === row.warning.revision && !seen.has(row.warningId) && seen.add(row.warningId))
    .map((row) => presentMine(row.warning, row));
  items.sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
  return { items };
}

export async function acknowledgeWarning(prisma: PrismaClient, request: FastifyRequest, actor: Actor, id: string, now: Date) {
  return prisma.$transaction(async (tx) => {
    const warning = await tx.warning.findUnique({ where: { id } });
    const rows = warning ? await tx.warningRecipient.findMany({ where: { warningId: id, revision: warning.revision, recipientKey: { in: keysOf(actor) } } }) : [];
    if (!warning || rows.length === 0) throw new AppError('not_found', `No warning ${id} for you or your unit`, { field: 'id' });
    if (warning.state !== WARNING_STATES.published) {
      throw new AppError('conflict', `The warning is ${warning.state}: there is nothing to acknowledge`, { field: 'state', details: { state: warning.state } });
    }
    const open = rows.filter((row) => row.acknowledgedAt === null);
    if (open.length > 0) {
      await tx.warningRecipient.updateMany({ where: { id: { in: open.map((row) => row.id) }, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: actor.id, acknowledgedVia: 'app' } });
      await recordWarningAct(tx, request, actor, now, { action: AUDIT_ACTIONS.warningAcknowledge, warningId: id, details: { revision: warning.revision, via: 'app', recipients: open.length } });
    }
    const recipient = await tx.warningRecipient.findUniqueOrThrow({ where: { id: (open[0] ?? rows[0]!).id } });
    return { item: presentMine(warning, recipient), changed: open.length > 0 };
  });
}
