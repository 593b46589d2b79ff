/**
 * 现场核查: when a unit other than the grid's own team replies on a ticket placed in a grid, and
 * the ticket's category asks for it (`category.verifyOnSite`), the reply waits in `verifying` for
 * one of the grid's workers to check the work on site before the centre follows up. The worker
 * sends a verdict with photos and, when the phone has a fix, the position (recorded with whether
 * it lies in the ticket's grid; a check from elsewhere is shown, not refused: GPS is often poor
 * between buildings). Passed: the reply goes on as if just made (the centre's review on a
 * reviewed channel, else `replied` and the follow-up). Failed: the verdict is recorded, then the
 * ticket is reopened to the same unit with the reason, as an unsatisfied follow-up reopens it
 * (the redo rate counts it). A grid with no active worker cannot check: the reply goes on unchecked,
 * and its trail entry says so.
 */
import type { Prisma, Ticket } from '@yixian/db';
import {
  ROLES, UNIT_TYPES, VERIFICATION_VERDICTS, isAreaPathWithin, stateAfterVerification, type Channel, type VerificationVerdict,
} from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { bindActAttachments, checkActAttachments } from '../attachments/attach-to-act.js';
import { isPointInBoundary } from '../routing/locate-area.js';
import { reopenTicket } from './follow-up-ticket.js';
import { isReplyReviewed } from './review-reply.js';
import type { ActionContext } from './run-ticket-action.js';
import { transitionTicket } from './transition-ticket.js';

/** Why a reply that would be checked goes on unchecked (recorded on the reply's trail entry). */
export const VERIFICATION_SKIPPED = { no_grid_worker: 'no_grid_worker' } as const;

export type VerificationNeed =
  | { needed: true; gridTeamUnitId: string }
  | { needed: false; skipped?: keyof typeof VERIFICATION_SKIPPED };

/** Whether a reply on `ticket` waits for the grid's on-site check, and which grid team is asked. */
export async function findVerificationNeed(tx: Prisma.TransactionClient, ticket: Ticket): Promise<VerificationNeed> {
  if (!ticket.areaId || !ticket.leadUnitId) return { needed: false };
  const [category, area, gridTeam] = await Promise.all([
    tx.category.findUnique({ where: { id: ticket.categoryId }, select: { verifyOnSite: true } }),
    tx.area.findUnique({ where: { id: ticket.areaId }, select: { level: true } }),
    tx.unit.findFirst({ where: { areaId: ticket.areaId, type: UNIT_TYPES.grid_team, active: true }, select: { id: true } }),
  ]);
  if (!category?.verifyOnSite || area?.level !== 'grid') return { needed: false };
  // The grid's own team settled it: there is nobody else to check the work.
  if (!gridTeam || gridTeam.id === ticket.leadUnitId) return { needed: false };
  const worker = await tx.user.findFirst({
    where: { unitId: gridTeam.id, status: 'active', roles: { has: ROLES.grid_member } }, select: { id: true },
  });
  if (!worker) return { needed: false, skipped: VERIFICATION_SKIPPED.no_grid_worker };
  return { needed: true, gridTeamUnitId: gridTeam.id };
}

export interface VerifyBody {
  verdict: VerificationVerdict;
  /** Passed: an optional remark. Failed: the reason, which the unit reads (required). */
  note?: string;
  position?: { lat: number; lng: number; accuracy: number };
  attachmentIds?: readonly string[];
}

/** A check is made on site: at least one photo of what the worker saw. */
const MIN_PHOTOS = 1;

/** Where the worker stood: the fix, and whether it lies in the ticket's grid. */
async function describePosition(tx: Prisma.TransactionClient, ticket: Ticket, position: VerifyBody['position']) {
  if (!position) return {};
  const area = ticket.areaId ? await tx.area.findUnique({ where: { id: ticket.areaId }, select: { boundary: true } }) : null;
  return { position: { lat: position.lat, lng: position.lng, accuracy: position.accuracy }, inGrid: isPointInBoundary(position.lat, position.lng, area?.boundary) };
}

/** 核查: records the verdict; passed leads the reply on, failed reopens the ticket to its unit. */
export async function verifyTicket(
  context: ActionContext, body: VerifyBody, options: { reviewChannels: readonly Channel[] | null; maxFiles: number },
): Promise<Ticket> {
  const { tx, ticket, actor, role, now } = context;
  // The verifier's scope must hold the ticket's place: leading or supporting it is not enough.
  if (!actor.scope.all && !(ticket.areaPath && actor.scope.areaPaths.some((root) => isAreaPathWithin(ticket.areaPath!, root)))) {
    throw new AppError('forbidden', `Only a worker of the ticket's grid may verify ticket ${ticket.code}`);
  }
  const note = body.note?.trim() ?? '';
  const failed = body.verdict === VERIFICATION_VERDICTS.failed;
  if (failed && !note) throw new AppError('validation_failed', 'A failed verification needs the reason the unit must redo it', { field: 'note' });
  if ((body.attachmentIds?.length ?? 0) < MIN_PHOTOS) {
    throw new AppError('validation_failed', 'A verification carries at least one photo taken on site', { field: 'attachmentIds' });
  }
  const attachmentIds = await checkActAttachments(tx, { ticketId: ticket.id, actorId: actor.id, act: 'verify', attachmentIds: body.attachmentIds, maxFiles: options.maxFiles });
  const data = { verdict: body.verdict, attachmentIds, ...(await describePosition(tx, ticket, body.position)) };
  if (failed) {
    const record = await transitionTicket(tx, ticket, {
      action: 'verify', to: ticket.state, actorId: actor.id, actorRole: role, now, reason: note, data,
    });
    await bindActAttachments(tx, attachmentIds, record.eventId);
    return reopenTicket({ ...context, ticket: record.ticket }, { reason: note }, { viaVerification: true }, `工单 ${ticket.code} 现场核查未通过，请重新办理`);
  }
  const isReviewed = await isReplyReviewed(tx, ticket.channel, options.reviewChannels);
  const result = await transitionTicket(tx, ticket, {
    action: 'verify', to: stateAfterVerification(isReviewed), actorId: actor.id, actorRole: role, now, reason: note || null, data,
    trigger: isReviewed ? 'reply_submitted' : 'replied',
  });
  await bindActAttachments(tx, attachmentIds, result.eventId);
  return result.ticket;
}
