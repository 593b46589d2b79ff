/** Drafting (a new warning with its code) and editing a draft (versioned: a stale version is 409 `stale`). */
import type { FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient, Warning } from '@yixian/db';
import { WARNING_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { checkIncident, checkPeriod, checkTargets } from './check-warning-input.js';
import { nextWarningCode } from './next-warning-code.js';
import { recordWarningAct } from './record-warning-act.js';
import { isCommander } from './warning-roles.js';
import type { DraftWarningBody, EditWarningBody } from './warnings.schemas.js';

function fieldsOf(body: DraftWarningBody) {
  const validFrom = new Date(body.validFrom);
  const validUntil = new Date(body.validUntil);
  checkPeriod(validFrom, validUntil);
  return {
    level: body.level, type: body.type, title: body.title.trim(), text: body.text.trim(), validFrom, validUntil,
    targets: body.targets as Prisma.InputJsonValue, incidentId: body.incidentId ?? null,
  };
}

export async function draftWarning(prisma: PrismaClient, request: FastifyRequest, actor: Actor, body: DraftWarningBody, now: Date): Promise<Warning> {
  const fields = fieldsOf(body);
  return prisma.$transaction(async (tx) => {
    await checkTargets(tx, body.targets);
    await checkIncident(tx, body.incidentId);
    const code = await nextWarningCode(tx, now);
    const warning = await tx.warning.create({ data: { ...fields, code, state: WARNING_STATES.draft, draftedById: actor.id, createdAt: now } });
    await recordWarningAct(tx, request, actor, now, { action: AUDIT_ACTIONS.warningDraft, warningId: warning.id, details: { code, level: warning.level, revision: 1 } });
    return warning;
  });
}

/** A stale version (someone saved first) → 409 `stale` with the current version. */
export function staleWarning(current: Pick<Warning, 'version'>): AppError {
  return new AppError('stale', 'The warning changed since you opened it: reload and try again', { field: 'version', details: { version: current.version } });
}

export async function editDraft(prisma: PrismaClient, request: FastifyRequest, actor: Actor, id: string, body: EditWarningBody, now: Date): Promise<Warning> {
  const fields = fieldsOf(body);
  return prisma.$transaction(async (tx) => {
    const current = await tx.warning.findUnique({ where: { id } });
    if (!current) throw new AppError('not_found', `No warning ${id}`, { field: 'id' });
    if (current.draftedById !== actor.id && !isCommander(actor)) throw new AppError('forbidden', 'Only the drafter or a commander edits a draft');
    if (current.state !== WARNING_STATES.draft) throw new AppError('conflict', 'Only a draft can be edited', { field: 'state', details: { state: current.state } });
    if (current.version !== body.version) throw staleWarning(current);
    await checkTargets(tx, body.targets);
    await checkIncident(tx, body.incidentId);
    const { count } = await tx.warning.updateMany({ where: { id, version: body.version }, data: { ...fields, updatedAt: now, version: { increment: 1 } } });
    if (count === 0) throw staleWarning(await tx.warning.findUniqueOrThrow({ where: { id } }));
    await recordWarningAct(tx, request, actor, now, { action: AUDIT_ACTIONS.warningEdit, warningId: id, details: { revision: current.revision } });
    return tx.warning.findUniqueOrThrow({ where: { id } });
  });
}
