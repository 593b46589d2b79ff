/**
 * The warning's life (CONTRACT.md): draft → submit → pending_approval → approve (a commander who
 * did not draft this revision) → published; send_back {reason} → draft; update on a published
 * warning → pending_approval as revision + 1, published again on approval with new recipients;
 * lift {reason} → lifted. Each act names the version it started from (409 `stale` otherwise),
 * leaves its audit row, and is refused in words when the role, the person or the state is wrong.
 */
import type { FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient, Warning } from '@yixian/db';
import { WARNING_STATES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { notify } from '../notifications/notify.js';
import { NOTIFICATION_KINDS } from '../notifications/notification-kinds.js';
import { checkPeriod } from './check-warning-input.js';
import { publishRevision } from './publish-warning.js';
import { recordWarningAct } from './record-warning-act.js';
import { staleWarning } from './save-warning.js';
import { isCommander } from './warning-roles.js';
import { liftTitle } from './warning-words.js';
import type { WarningAction, WarningActionBody } from './warnings.schemas.js';

const FROM: Record<WarningAction, readonly string[]> = {
  submit: [WARNING_STATES.draft],
  approve: [WARNING_STATES.pending_approval],
  send_back: [WARNING_STATES.pending_approval],
  update: [WARNING_STATES.published],
  lift: [WARNING_STATES.published, WARNING_STATES.pending_approval],
};

/** The acts this actor may take on the warning now (the console shows only these). */
export function allowedWarningActions(actor: Actor, warning: Warning): WarningAction[] {
  const commander = isCommander(actor);
  return (Object.keys(FROM) as WarningAction[]).filter((action) => {
    if (!FROM[action].includes(warning.state)) return false;
    if (action === 'approve') return commander && warning.draftedById !== actor.id;
    if (action === 'send_back') return commander;
    if (action === 'submit') return commander || warning.draftedById === actor.id;
    if (action === 'lift' && warning.state === WARNING_STATES.pending_approval) return warning.publishedAt !== null;
    return true;
  });
}

function refuseActor(actor: Actor, warning: Warning, action: WarningAction): void {
  if (action === 'approve' || action === 'send_back') {
    if (!isCommander(actor)) throw new AppError('forbidden', 'Only a commander approves or sends back a warning');
    if (action === 'approve' && warning.draftedById === actor.id) {
      throw new AppError('forbidden', 'You drafted this warning: a second commander must approve it before it is published', { field: 'approvedBy' });
    }
  }
  if (action === 'submit' && warning.draftedById !== actor.id && !isCommander(actor)) throw new AppError('forbidden', 'Only the drafter or a commander submits a draft');
}

function reasonOf(action: WarningAction, body: WarningActionBody): string | null {
  const reason = body.reason?.trim() || null;
  if ((action === 'send_back' || action === 'lift') && !reason) throw new AppError('validation_failed', `${action} needs a reason`, { field: 'reason' });
  return reason;
}

function updateData(current: Warning, body: WarningActionBody, actor: Actor): Prisma.WarningUpdateManyMutationInput {
  const changes = { title: body.title?.trim(), text: body.text?.trim(), level: body.level, validUntil: body.validUntil ? new Date(body.validUntil) : undefined };
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new AppError('validation_failed', 'update needs at least one of title, text, level, validUntil', { field: 'text' });
  }
  if (changes.validUntil) checkPeriod(current.validFrom, changes.validUntil);
  return { ...changes, state: WARNING_STATES.pending_approval, revision: { increment: 1 }, draftedById: actor.id, approvedById: null, sentBackReason: null };
}

function dataFor(action: WarningAction, current: Warning, body: WarningActionBody, actor: Actor, reason: string | null, now: Date): Prisma.WarningUpdateManyMutationInput {
  switch (action) {
    case 'submit': return { state: WARNING_STATES.pending_approval, sentBackReason: null };
    case 'approve':
      if (current.validUntil.getTime() <= now.getTime()) throw new AppError('conflict', 'The warning is past its validUntil: send it back for a later end before approving', { field: 'validUntil' });
      return { state: WARNING_STATES.published, approvedById: actor.id, publishedAt: now };
    case 'send_back': return { state: WARNING_STATES.draft, sentBackReason: reason };
    case 'update': return updateData(current, body, actor);
    case 'lift': return { state: WARNING_STATES.lifted, liftedAt: now, liftReason: reason };
  }
}

const ACT_AUDIT = {
  submit: AUDIT_ACTIONS.warningSubmit, approve: AUDIT_ACTIONS.warningApprove, send_back: AUDIT_ACTIONS.warningSendBack,
  update: AUDIT_ACTIONS.warningUpdate, lift: AUDIT_ACTIONS.warningLift,
} as const;

/** Tells the current revision's recipients that the warning is lifted (inbox only). */
async function announceLift(tx: Prisma.TransactionClient, warning: Warning): Promise<void> {
  const rows = await tx.warningRecipient.findMany({ where: { warningId: warning.id, revision: { lte: warning.revision } }, distinct: ['recipientKey'], select: { recipientKey: true, unitId: true, userId: true } });
  for (const row of rows) {
    const target = row.unitId ? { unitId: row.unitId } : { userId: row.userId! };
    await notify(tx, target, { ticketId: null, kind: NOTIFICATION_KINDS.warning, dedupeKey: `warning-lift-${warning.id}-${row.recipientKey}`, title: liftTitle(warning), body: warning.liftReason ?? '', sms: false });
  }
}

export async function actOnWarning(
  prisma: PrismaClient, request: FastifyRequest, actor: Actor, id: string, action: WarningAction, body: WarningActionBody, now: Date,
): Promise<{ warning: Warning; recipients: number | null }> {
  return prisma.$transaction(async (tx) => {
    const current = await tx.warning.findUnique({ where: { id } });
    if (!current) throw new AppError('not_found', `No warning ${id}`, { field: 'id' });
    refuseActor(actor, current, action);
    if (current.version !== body.version) throw staleWarning(current);
    if (!FROM[action].includes(current.state) || (action === 'lift' && current.state === WARNING_STATES.pending_approval && !current.publishedAt)) {
      throw new AppError('conflict', `A warning in state ${current.state} cannot be ${action}`, { field: 'state', details: { state: current.state } });
    }
    const reason = reasonOf(action, body);
    const { count } = await tx.warning.updateMany({ where: { id, version: body.version }, data: { ...dataFor(action, current, body, actor, reason, now), updatedAt: now, version: { increment: 1 } } });
    if (count === 0) throw staleWarning(await tx.warning.findUniqueOrThrow({ where: { id } }));
    const warning = await tx.warning.findUniqueOrThrow({ where: { id } });
    const recipients = action === 'approve' ? await publishRevision(tx, warning, now) : null;
    if (action === 'lift') await announceLift(tx, warning);
    await recordWarningAct(tx, request, actor, now, {
      action: ACT_AUDIT[action], warningId: id, reason,
      details: { revision: warning.revision, from: current.state, to: warning.state, ...(recipients === null ? {} : { recipients }) },
    });
    return { warning, recipients };
  }, { timeout: 120_000, maxWait: 10_000 });
}
